package cn.moralbank.kiosk.checkout;

import cn.moralbank.points.household.Household;
import cn.moralbank.points.voucher.VoucherView;
import org.jmolecules.architecture.onion.simplified.DomainRing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a checkout will do, decided before its request id is claimed ({@link CheckoutPolicy#plan}): the priced
 * lines, the vouchers that pay, and how the total divides between them and the household card. A value: no I/O.
 *
 * @param cardHousehold the card's household; null when vouchers pay it all
 * @param total         the basket's points
 * @param cardPoints    what the card is debited
 * @param voucherPoints what the vouchers pay of the total
 * @param change        what the last needed voucher covers beyond the total, credited back to the payer
 * @param payer         the card's household, or the first voucher's when vouchers pay alone
 */
@DomainRing
public record CheckoutPlan(Household cardHousehold, List<Line> lines, List<VoucherView> vouchers, long total,
                           long cardPoints, long voucherPoints, long change, String payer) {

    public CheckoutPlan {
        lines = List.copyOf(lines);
        vouchers = List.copyOf(vouchers);
    }

    /** A basket line at the price the supermarket charges now, with the product's monthly limit per household. */
    public record Line(long productId, String productName, String unit, long quantity, long unitPoints,
                       int monthlyLimit) {
        public long points() {
            return quantity * unitPoints;
        }
    }

    /** The households that pay (the card's and every voucher's), each once: who must be allowed to redeem. */
    public Set<String> payers() {
        Set<String> payers = new LinkedHashSet<>();
        if (cardHousehold != null) {
            payers.add(cardHousehold.id());
        }
        vouchers.forEach(v -> payers.add(v.householdId()));
        return payers;
    }
}
