package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.api.ProductId;
import cn.moralbank.kiosk.api.SaleLine;
import cn.moralbank.kiosk.product.Product;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdStatus;
import cn.moralbank.points.voucher.VoucherView;
import cn.moralbank.points.voucher.api.VoucherRefusal;
import cn.moralbank.points.voucher.api.VoucherSerial;
import cn.moralbank.points.voucher.api.VoucherStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The checkout's rules on values alone: no database, no commands, no application context. */
class CheckoutPolicyTest {
    private static final long SHOP = 7;
    private static final Instant T = Instant.parse("2024-05-01T08:00:00Z");
    private static final Product OIL = product(1, SHOP, "食用油", 30, 2, true);
    private static final Product SOAP = product(2, SHOP, "香皂", 4, 0, true);
    private static final Map<Long, Product> SHELF = Map.of(OIL.id(), OIL, SOAP.id(), SOAP);
    private static final Household CARD = household("h-card");

    @Test
    void aBasketCostsItsQuantitiesTimesTheSupermarketsPricesAndCarriesEachProductsMonthlyLimit() {
        List<CheckoutPlan.Line> lines = CheckoutPolicy.price(SHOP, List.of(line(OIL, 2), line(SOAP, 3)), SHELF);
        assertEquals(List.of(new CheckoutPlan.Line(1, "食用油", "瓶", 2, 30, 2),
                new CheckoutPlan.Line(2, "香皂", "瓶", 3, 4, 0)), lines);
        CheckoutPlan plan = CheckoutPolicy.plan(CARD, lines, List.of());
        assertEquals(72, plan.total());
        assertEquals(72, plan.cardPoints());
        assertEquals(0, plan.voucherPoints());
        assertEquals(0, plan.change());
        assertEquals("h-card", plan.payer());
    }

    @Test
    void aProductOfAnotherSupermarketInactiveUnknownOrAtAnotherPriceIsRefused() {
        Product elsewhere = product(3, SHOP + 1, "大米", 10, 0, true);
        Product retired = product(4, SHOP, "毛巾", 10, 0, false);
        Map<Long, Product> known = Map.of(3L, elsewhere, 4L, retired, OIL.id(), OIL);
        assertCode("checkout.product.other-supermarket", () -> CheckoutPolicy.price(SHOP, List.of(line(elsewhere, 1)),
                known));
        assertCode("checkout.product.inactive", () -> CheckoutPolicy.price(SHOP, List.of(line(retired, 1)), known));
        assertThrows(NotFound.class, () -> CheckoutPolicy.price(SHOP, List.of(line(SOAP, 1)), known));
        KioskRefusal changed = assertThrows(KioskRefusal.class, () -> CheckoutPolicy.price(SHOP,
                List.of(new CheckoutRequest.Line(OIL.id(), 1, 25)), known));
        assertEquals(List.of("食用油", 25L, 30L), changed.arguments());
    }

    @Test
    void vouchersPayFirstTheCardPaysTheRestAndTheLastVoucherCoversTheLittleAboveTheTotalAsChange() {
        List<CheckoutPlan.Line> lines = CheckoutPolicy.price(SHOP, List.of(line(OIL, 1), line(SOAP, 1)), SHELF);
        CheckoutPlan withCard = CheckoutPolicy.plan(CARD, lines, List.of(voucher("V1", "h-other", 20)));
        assertEquals(34, withCard.total());
        assertEquals(14, withCard.cardPoints());
        assertEquals(20, withCard.voucherPoints());
        assertEquals(0, withCard.change());
        assertEquals("h-card", withCard.payer(), "the card's household pays when there is a card");
        assertEquals(Set.of("h-card", "h-other"), withCard.payers());

        CheckoutPlan vouchersAlone = CheckoutPolicy.plan(null, lines, List.of(voucher("V1", "h-a", 20),
                voucher("V2", "h-b", 20)));
        assertEquals(0, vouchersAlone.cardPoints());
        assertEquals(34, vouchersAlone.voucherPoints());
        assertEquals(6, vouchersAlone.change());
        assertEquals("h-a", vouchersAlone.payer(), "without a card the first voucher's household gets the change");
        assertEquals(vouchersAlone.total(), vouchersAlone.cardPoints() + vouchersAlone.voucherPoints());
    }

    @Test
    void aVoucherNotNeededForTheTotalOrARestWithoutACardIsRefused() {
        List<CheckoutPlan.Line> lines = CheckoutPolicy.price(SHOP, List.of(line(SOAP, 1)), SHELF);
        KioskRefusal notNeeded = assertThrows(KioskRefusal.class, () -> CheckoutPolicy.plan(CARD, lines,
                List.of(voucher("V1", "h-a", 10), voucher("V2", "h-a", 5))));
        assertEquals("checkout.voucher.not-needed", notNeeded.code());
        assertEquals(List.of("V2", 4L, 15L), notNeeded.arguments(), "the smallest voucher is the needless one");
        KioskRefusal cardNeeded = assertThrows(KioskRefusal.class, () -> CheckoutPolicy.plan(null,
                CheckoutPolicy.price(SHOP, List.of(line(OIL, 1)), SHELF), List.of(voucher("V1", "h-a", 20))));
        assertEquals("checkout.card.needed", cardNeeded.code());
        assertEquals(List.of(10L), cardNeeded.arguments());
    }

    @Test
    void aVoucherAlreadyRedeemedOrVoidedIsRefusedAndAnIssuedOneIsSpendable() {
        assertEquals("voucher.redeemed", assertThrows(VoucherRefusal.class,
                () -> CheckoutPolicy.spendable(voucher("V1", "h", 10, VoucherStatus.REDEEMED))).code());
        assertEquals("voucher.voided", assertThrows(VoucherRefusal.class,
                () -> CheckoutPolicy.spendable(voucher("V1", "h", 10, VoucherStatus.VOIDED))).code());
        VoucherView issued = voucher("V1", "h", 10);
        assertSame(issued, CheckoutPolicy.spendable(issued));
    }

    @Test
    void aBasketIsRefusedEmptyTooLongWithAProductTwiceABadQuantityOrTooManyVouchers() {
        assertCode("checkout.basket.empty", () -> CheckoutPolicy.checkShape(request(List.of(), List.of())));
        List<CheckoutRequest.Line> tooLong = new ArrayList<>();
        for (long i = 1; i <= CheckoutPolicy.MAX_LINES + 1; i++) {
            tooLong.add(new CheckoutRequest.Line(i, 1, 1));
        }
        assertCode("checkout.basket.too-long", () -> CheckoutPolicy.checkShape(request(tooLong, List.of())));
        assertCode("checkout.product.twice", () -> CheckoutPolicy.checkShape(request(List.of(line(OIL, 1),
                line(OIL, 2)), List.of())));
        assertCode("checkout.quantity.invalid", () -> CheckoutPolicy.checkShape(request(List.of(line(OIL, 0)),
                List.of())));
        assertCode("checkout.quantity.invalid", () -> CheckoutPolicy.checkShape(request(
                List.of(line(OIL, CheckoutPolicy.MAX_QUANTITY + 1)), List.of())));
        assertCode("checkout.voucher.too-many", () -> CheckoutPolicy.checkShape(request(List.of(line(OIL, 1)),
                Collections.nCopies(CheckoutPolicy.MAX_VOUCHERS + 1, "code"))));
        CheckoutPolicy.checkShape(request(List.of(line(OIL, CheckoutPolicy.MAX_QUANTITY)),
                Collections.nCopies(CheckoutPolicy.MAX_VOUCHERS, "code")));
    }

    @Test
    void theSameBasketInAnotherOrderHasTheSameFingerprintAndAnyOtherBasketAnother() {
        List<VoucherSerial> vouchers = List.of(VoucherSerial.of(1), VoucherSerial.of(2));
        String fingerprint = CheckoutPolicy.fingerprint(SHOP, "card", List.of(line(OIL, 1), line(SOAP, 2)), vouchers);
        assertEquals(fingerprint, CheckoutPolicy.fingerprint(SHOP, "card", List.of(line(SOAP, 2), line(OIL, 1)),
                List.of(VoucherSerial.of(2), VoucherSerial.of(1))));
        assertNotEquals(fingerprint, CheckoutPolicy.fingerprint(SHOP, "card", List.of(line(OIL, 1), line(SOAP, 3)),
                vouchers));
        assertNotEquals(fingerprint, CheckoutPolicy.fingerprint(SHOP, null, List.of(line(OIL, 1), line(SOAP, 2)),
                vouchers));
        assertNotEquals(fingerprint, CheckoutPolicy.fingerprint(SHOP + 1, "card",
                List.of(line(OIL, 1), line(SOAP, 2)), vouchers));
        assertNotEquals(fingerprint, CheckoutPolicy.fingerprint(SHOP, "card", List.of(line(OIL, 1), line(SOAP, 2)),
                List.of(VoucherSerial.of(1))));
    }

    @Test
    void aCheckoutCountsAgainstTheMonthItBeganInInTheCountysTimeZone() {
        Instant lateOnApril30Utc = Instant.parse("2024-04-30T17:00:00Z"); // 1 May, 01:00 in Beijing
        assertEquals(YearMonth.of(2024, 5), CheckoutPolicy.month(lateOnApril30Utc, ZoneId.of("Asia/Shanghai")));
        assertEquals(YearMonth.of(2024, 4), CheckoutPolicy.month(lateOnApril30Utc, ZoneId.of("UTC")));
    }

    private static void assertCode(String code, Executable call) {
        assertEquals(code, assertThrows(BadInput.class, call).code());
    }

    private static CheckoutRequest request(List<CheckoutRequest.Line> lines, List<String> vouchers) {
        return new CheckoutRequest("request-0001", "card", "1234", lines, vouchers);
    }

    private static CheckoutRequest.Line line(Product p, long quantity) {
        return new CheckoutRequest.Line(p.id(), quantity, p.pricePoints());
    }

    private static Product product(long id, long shop, String name, long price, int monthlyLimit, boolean active) {
        return new Product(id, shop, name, "瓶", "oil", price, monthlyLimit, active, T);
    }

    private static Household household(String id) {
        return new Household(id, "13082600001", "王", "王家", "河东村", null, 1L, "/130826/", HouseholdStatus.ACTIVE,
                null, T);
    }

    private static VoucherView voucher(String serial, String household, long points) {
        return voucher(serial, household, points, VoucherStatus.ISSUED);
    }

    private static VoucherView voucher(String serial, String household, long points, VoucherStatus status) {
        return new VoucherView(serial, household, points, "/130826/", "/130826/1/", "batch", status, T, "admin", null,
                null, null, null, null, 0);
    }

    @Test
    void aLongBasketsPassbookLineIsCutBetweenCharactersNeverInsideOne() {
        // eight names of 50 and one with 𠮷 at the place the 480-unit cut falls: the checkout was refused
        // (ledger.reason.unstorable) for a lone half of 𠮷 the villager never typed
        List<SaleLine> basket = new ArrayList<>();
        for (char c = 'A'; c <= 'H'; c++) {
            basket.add(new SaleLine(new ProductId(c), String.valueOf(c).repeat(50), 1, 1, 0));
        }
        basket.add(new SaleLine(new ProductId(9), "I".repeat(44) + "\uD842\uDFB7IIII", 1, 1, 0));
        for (int shop = 1; shop < 12; shop++) {
            String reason = CheckoutPolicy.passbookReason("超".repeat(shop), basket);
            assertTrue(reason.length() <= 480, reason);
            assertTrue(PlainText.storable(reason), "cut inside a character: " + reason);
        }
    }
}
