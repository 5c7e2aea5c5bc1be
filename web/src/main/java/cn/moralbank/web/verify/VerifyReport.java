package cn.moralbank.web.verify;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one comparison of the views with the event store.
 *
 * @param position    the event store's head in the snapshot compared (global index)
 * @param households  households compared; {@code stockRows} supermarket × product rows; {@code vouchers} vouchers;
 *                    {@code rankings} households' rankings rows (period ALL)
 * @param missing     views without the row the ledger has (a household, stock row or voucher)
 * @param different   rows with at least one field the ledger contradicts, or that the ledger has no events for
 * @param unsettled   rows not compared: events of theirs were still being projected when the wait ran out
 * @param first       the first differences, in the order found (every one is printed by the command)
 */
public record VerifyReport(Instant started, Instant finished, long position, long households, long stockRows,
                           long vouchers, long rankings, long missing, long different, long unsettled,
                           List<Difference> first) {

    public boolean clean() {
        return missing == 0 && different == 0 && unsettled == 0;
    }

    public long checked() {
        return households + stockRows + vouchers + rankings;
    }

    /** 0 clean, 1 differences or missing rows, 3 nothing found but some rows could not be compared yet. */
    public int exitStatus() {
        if (missing > 0 || different > 0) {
            return 1;
        }
        return unsettled > 0 ? 3 : 0;
    }

    public String summary() {
        return String.format("Checked %,d households, %,d stock rows, %,d vouchers and %,d households' rankings up to "
                        + "event %,d: %,d missing, %,d different, %,d still being projected (not compared)",
                households, stockRows, vouchers, rankings, position, missing, different, unsettled);
    }
}
