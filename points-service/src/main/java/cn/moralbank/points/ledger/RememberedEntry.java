package cn.moralbank.points.ledger;

import cn.moralbank.points.ledger.api.BalanceCarriedOver;
import cn.moralbank.points.ledger.api.DebitRefused;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.EntryKind;
import cn.moralbank.points.ledger.api.EntryResult;
import cn.moralbank.points.ledger.api.EntryReversed;
import cn.moralbank.points.ledger.api.PointsCredited;
import cn.moralbank.points.ledger.api.PointsDebited;
import cn.moralbank.points.ledger.api.PointsPenalised;
import cn.moralbank.points.ledger.api.PointsTransferredIn;
import cn.moralbank.points.ledger.api.PointsTransferredOut;
import org.jmolecules.architecture.onion.simplified.DomainRing;

import java.util.Optional;

/**
 * What a household account remembers of one of its entries, for its whole life: enough to answer a retry of the
 * same entry id (the first answer again, or a refusal when the id comes back for something else) and to reverse
 * the entry (its kind, its change, whether it was reversed already). Kept in {@link RememberedEntries}, not in the
 * account's snapshot, so a ten-year account loads like a new one.
 *
 * @param requested  the points the command asked for (0 for a reversal)
 * @param change     the signed change to the balance (0 for a refused debit)
 * @param original   the entry a reversal undid, else null
 * @param reversedBy the reversal that undid this entry, else null
 */
@DomainRing
public record RememberedEntry(String id, EntryKind kind, long requested, long change, String original,
                              String reversedBy, long balanceAfter, boolean refused) {

    /**
     * The entry a ledger event books, if it books one: the account's opening and closing are not entries. One
     * mapping for the account's command handlers and for whoever writes events another way (the county generator).
     */
    public static Optional<RememberedEntry> bookedBy(Object event) {
        if (event instanceof PointsCredited e) {
            return applied(e.entryId(), EntryKind.CREDIT, e.points(), e.points(), e.balanceAfter());
        } else if (event instanceof PointsPenalised e) {
            return applied(e.entryId(), EntryKind.PENALTY, e.points(), -e.points(), e.balanceAfter());
        } else if (event instanceof PointsDebited e) {
            return applied(e.entryId(), EntryKind.DEBIT, e.points(), -e.points(), e.balanceAfter());
        } else if (event instanceof DebitRefused e) {
            return Optional.of(new RememberedEntry(e.entryId().value(), EntryKind.DEBIT, e.points(), 0, null, null,
                    e.balance(), true));
        } else if (event instanceof EntryReversed e) {
            return Optional.of(new RememberedEntry(e.reversalId().value(), EntryKind.REVERSAL, 0, e.points(),
                    e.originalEntryId().value(), null, e.balanceAfter(), false));
        } else if (event instanceof BalanceCarriedOver e) {
            return applied(e.entryId(), EntryKind.CARRIED_OVER, e.points(), e.points(), e.balanceAfter());
        } else if (event instanceof PointsTransferredOut e) {
            return applied(e.entryId(), EntryKind.TRANSFER_OUT, e.points(), -e.points(), e.balanceAfter());
        } else if (event instanceof PointsTransferredIn e) {
            return applied(e.entryId(), EntryKind.TRANSFER_IN, e.points(), e.points(), e.balanceAfter());
        }
        return Optional.empty();
    }

    private static Optional<RememberedEntry> applied(EntryId id, EntryKind kind, long requested, long change,
                                                     long after) {
        return Optional.of(new RememberedEntry(id.value(), kind, requested, change, null, null, after, false));
    }

    /** Still counts: applied, not a reversal, and not reversed since. */
    boolean live() {
        return !refused && kind != EntryKind.REVERSAL && reversedBy == null;
    }

    /** The answer this entry gave when it was booked. */
    EntryResult result(EntryId id) {
        var outcome = refused ? EntryResult.Outcome.REFUSED : EntryResult.Outcome.APPLIED;
        return new EntryResult(id, outcome, Math.abs(change == 0 ? requested : change), balanceAfter, false);
    }
}
