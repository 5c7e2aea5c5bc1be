package cn.moralbank.points.ledger.api;

/** Rules every amount of points obeys: whole numbers, positive in a command, never absurd. */
public final class Points {
    /** No single entry moves more than this: a typo of extra zeros is refused rather than booked. */
    public static final long MAX_PER_ENTRY = 100_000;

    private Points() {
    }

    public static long requireValid(long points) {
        if (points <= 0) {
            throw new LedgerRefusal("ledger.points.not-positive", points);
        }
        if (points > MAX_PER_ENTRY) {
            throw new LedgerRefusal("ledger.points.too-large", points, MAX_PER_ENTRY);
        }
        return points;
    }
}
