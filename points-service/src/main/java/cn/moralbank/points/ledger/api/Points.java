package cn.moralbank.points.ledger.api;

import org.jmolecules.ddd.annotation.ValueObject;

/**
 * An amount of points one ledger entry moves: a whole number from 1 to {@link #MAX_PER_ENTRY}. The value type that
 * checks its own range (issue 14), so that no service can forget: every ledger command (credit, penalty, debit,
 * transfer, carried-over balance) and every voucher's face value is checked by it when the command is made, and a
 * signed amount a rule or a deed carries by {@link #requireWithinEntry}. The refusal names the points in the
 * caller's language ({@code ledger.points.not-positive}, {@code ledger.points.too-large}).
 */
@ValueObject
public record Points(long value) {
    /** No single entry moves more than this: a typo of extra zeros is refused rather than booked. */
    public static final long MAX_PER_ENTRY = 100_000;

    public Points {
        if (value <= 0) {
            throw new LedgerRefusal("ledger.points.not-positive", value);
        }
        if (value > MAX_PER_ENTRY) {
            throw new LedgerRefusal("ledger.points.too-large", value, MAX_PER_ENTRY);
        }
    }

    public static Points of(long value) {
        return new Points(value);
    }

    /** The amount when it is one an entry may move, else the refusal. */
    public static long requireValid(long points) {
        return new Points(points).value();
    }

    /**
     * A signed amount (a penalty is negative) that one entry could book: 0 or up to {@link #MAX_PER_ENTRY} either
     * way, compared without {@code Math.abs} (whose answer for Long.MIN_VALUE is negative).
     */
    public static long requireWithinEntry(long points) {
        if (points < -MAX_PER_ENTRY || points > MAX_PER_ENTRY) {
            throw new LedgerRefusal("ledger.points.too-large", points, MAX_PER_ENTRY);
        }
        return points;
    }
}
