package cn.moralbank.points.ledger.api;

import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;

/**
 * The caller's id of a ledger entry (a credit, penalty, debit or reversal). The caller chooses it, so a retry with
 * the same id is recognised and answered as the first attempt was. An id with a colon is a process's own, derived
 * from what the process books ({@code deed:<id>}, {@code checkout:<id>}, {@code voucher:<serial>},
 * {@code refund:<id>}, {@code transfer:<id>:out}, {@code opening:…}); a person's manual entry has none (the API
 * refuses a colon in it).
 */
public record EntryId(String value) implements Identifier {
    private static final IdForm FORM = new IdForm(1, 100, ":._-");
    /** The beginnings of the ids of what the deeds' settlement, the kiosk's checkouts and its refunds book. */
    public static final String DEED = "deed:";
    public static final String CHECKOUT = "checkout:";
    public static final String REFUND = "refund:";
    public static final String VOUCHER = "voucher:";

    public EntryId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matches(value)) {
            throw new MalformedId("entry", value);
        }
    }

    /**
     * Whether this entry settles a deed the committee confirmed (its credit or penalty, {@code deed:<id>}) or takes
     * such a settlement back ({@code deed:<id>:revoked}): the only points the rankings count as earned. An entry a
     * person booked by hand (an adjustment) changes the balance, never the rankings.
     */
    public boolean settlesADeed() {
        return value.startsWith(DEED);
    }

    /**
     * Whether this entry gives back points a redemption took: the change of a voucher worth more than the basket
     * (积分券找零, {@code checkout:<id>:change}) and the credits of a refund ({@code refund:<id>…}). Such a credit is
     * the household's own points coming back, not points earned: the rankings count it as less redeemed.
     */
    public boolean returnsRedeemedPoints() {
        return value.startsWith(CHECKOUT) || value.startsWith(REFUND);
    }

    /**
     * Whether this debit is a redemption: goods taken at the love supermarket ({@code checkout:<id>}) or a voucher
     * issued (爱心积分券, {@code voucher:<serial>}). A debit a person booked by hand (an adjustment) is not: the
     * rankings count only redemptions as redeemed.
     */
    public boolean redeems() {
        return value.startsWith(CHECKOUT) || value.startsWith(VOUCHER);
    }

    /** Whether a process booked this entry (its id names the process), not a person by hand. */
    public boolean namesAProcess() {
        return value.indexOf(':') >= 0;
    }

    @Override
    public String toString() {
        return value;
    }
}
