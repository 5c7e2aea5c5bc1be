package cn.moralbank.web.verify;

import java.util.Locale;

/**
 * One field of one view that the ledger contradicts: a household's balance, a supermarket's stock of a product, a
 * voucher's status; or a transfer between two households (合户, 分户) whose two halves do not match in the event store
 * itself ({@link Area#TRANSFER}: {@code subject} is {@code sourceHousehold:transferId}, the ledger value what left the
 * source, the view value what reached the other household). {@code subject} is otherwise the household id,
 * {@code supermarket/product} or the voucher's serial;
 * {@code regionPath} where it lies (who may be shown it); a view row that is absent altogether is field
 * {@value #ROW} with view value {@value #ABSENT} (missing), a view row that the ledger has no events for has ledger
 * value {@value #ABSENT}.
 */
public record Difference(Area area, String subject, String field, String ledger, String view, String regionPath) {
    public static final String ROW = "row";
    public static final String ABSENT = "absent";

    /** What kind of view a difference is in. */
    public enum Area {
        HOUSEHOLD, STOCK, VOUCHER, TRANSFER, RANKING
    }

    /** The view has no row at all where the ledger has events. */
    public boolean missing() {
        return field.equals(ROW) && view.equals(ABSENT);
    }

    @Override
    public String toString() {
        return String.format("%-9s %s %s: ledger %s, view %s", area.name().toLowerCase(Locale.ROOT),
                subject, field, ledger, view);
    }
}
