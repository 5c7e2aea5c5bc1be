package cn.moralbank.kiosk.stock;

import cn.moralbank.kiosk.api.*;
import cn.moralbank.points.ledger.api.HouseholdId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.hamcrest.Matchers.containsString;

class SupermarketStockTest {
    static final SupermarketId SHOP = new SupermarketId(1);
    static final ProductId OIL = new ProductId(11);
    static final ProductId RICE = new ProductId(12);
    static final HouseholdId WANG = new HouseholdId("hh-wang");
    static final HouseholdId LI = new HouseholdId("hh-li");
    static final YearMonth MARCH = YearMonth.of(2025, 3);
    static final YearMonth APRIL = YearMonth.of(2025, 4);
    static final Instant NOW = Instant.parse("2025-03-10T02:00:00Z");
    static final CheckoutId CO1 = new CheckoutId("checkout-0001");
    static final CheckoutId CO2 = new CheckoutId("checkout-0002");

    private FixtureConfiguration<SupermarketStock> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SupermarketStock.class);
    }

    static StockOpened opened() {
        return new StockOpened(SHOP, "河东村爱心超市", "/130826/130826103/130826103201/");
    }

    static DonationReceived donated(long oil, long rice) {
        return new DonationReceived(SHOP, new DonationId("donation-0001"), "县供销社", DonorKind.ENTERPRISE,
                List.of(new DonationLine(OIL, "食用油", oil, oil * 6000), new DonationLine(RICE, "大米", rice, 0)),
                LocalDate.of(2025, 3, 1), "");
    }

    static SaleLine oil(long quantity) {
        return new SaleLine(OIL, "食用油", quantity, 30, 0);
    }

    static SaleLine rice(long quantity, int limit) {
        return new SaleLine(RICE, "大米", quantity, 25, limit);
    }

    static StockReserved reserved(CheckoutId id, HouseholdId household, YearMonth month, SaleLine... lines) {
        return new StockReserved(SHOP, id, household, month, List.of(lines));
    }

    @Test
    void aNewSupermarketOpensItsStockBook() {
        fixture.givenNoPriorActivity()
                .when(new OpenStockCommand(SHOP, "河东村爱心超市", "/130826/130826103/130826103201/"))
                .expectEvents(opened());
    }

    @Test
    void aDonationPutsItsGoodsOnTheShelf() {
        fixture.given(opened())
                .when(new RecordDonationCommand(SHOP, new DonationId("donation-0001"), " 县供销社 ",
                        DonorKind.ENTERPRISE, donated(10, 20).lines(), LocalDate.of(2025, 3, 1), null))
                .expectEvents(donated(10, 20));
    }

    @Test
    void aDonationFormSentTwiceCountsOnce() {
        fixture.given(opened(), donated(10, 20))
                .when(new RecordDonationCommand(SHOP, new DonationId("donation-0001"), "县供销社",
                        DonorKind.ENTERPRISE, donated(10, 20).lines(), LocalDate.of(2025, 3, 1), ""))
                .expectNoEvents();
    }

    @Test
    void aDonationIdReusedForOtherGoodsIsRefused() {
        fixture.given(opened(), donated(10, 20))
                .when(new RecordDonationCommand(SHOP, new DonationId("donation-0001"), "县供销社",
                        DonorKind.ENTERPRISE, donated(11, 20).lines(), LocalDate.of(2025, 3, 1), ""))
                .expectException(KioskRefusal.class)
                .expectExceptionMessage(containsString("stock.donation.reused"));
    }

    @Test
    void aDonationWithoutDonorOrGoodsOrWithNoQuantityIsRefused() {
        fixture.given(opened())
                .when(new RecordDonationCommand(SHOP, new DonationId("donation-0002"), " ", DonorKind.VILLAGE,
                        donated(1, 1).lines(), LocalDate.of(2025, 3, 1), ""))
                .expectException(KioskRefusal.class).expectExceptionMessage(containsString("donor-missing"));
        fixture.given(opened())
                .when(new RecordDonationCommand(SHOP, new DonationId("donation-0002"), "村集体", DonorKind.VILLAGE,
                        List.of(), LocalDate.of(2025, 3, 1), ""))
                .expectException(KioskRefusal.class).expectExceptionMessage(containsString("stock.donation.lines"));
        // a quantity out of range is refused by the value type when the command is made (Quantity)
        refusedWhenMade("stock.quantity.invalid", () -> new RecordDonationCommand(SHOP,
                new DonationId("donation-0002"), "村集体", DonorKind.VILLAGE,
                List.of(new DonationLine(OIL, "食用油", 0, 0)), LocalDate.of(2025, 3, 1), ""));
        fixture.given(opened())
                .when(new RecordDonationCommand(SHOP, new DonationId("donation-0002"), "村集体", DonorKind.VILLAGE,
                        List.of(new DonationLine(OIL, "食用油", 2, -1)), LocalDate.of(2025, 3, 1), ""))
                .expectException(KioskRefusal.class).expectExceptionMessage(containsString("value-negative"));
    }

    @Test
    void damagedGoodsAreTakenOutWithTheirReason() {
        fixture.given(opened(), donated(10, 20))
                .when(new AdjustStockCommand(SHOP, "adj-1", OIL, "食用油", AdjustmentKind.DAMAGED, 2, "桶破了"))
                .expectEvents(new StockAdjusted(SHOP, "adj-1", OIL, "食用油", AdjustmentKind.DAMAGED, -2, 8, "桶破了"));
    }

    @Test
    void anAdjustmentSentTwiceCountsOnce() {
        fixture.given(opened(), donated(10, 20),
                        new StockAdjusted(SHOP, "adj-1", OIL, "食用油", AdjustmentKind.EXPIRED, -2, 8, "过期"))
                .when(new AdjustStockCommand(SHOP, "adj-1", OIL, "食用油", AdjustmentKind.EXPIRED, 2, "过期"))
                .expectNoEvents();
    }

    @Test
    void moreGoodsThanAreAvailableCannotBeWrittenOff() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, oil(9)))
                .when(new AdjustStockCommand(SHOP, "adj-1", OIL, "食用油", AdjustmentKind.EXPIRED, 2, "过期"))
                .expectException(KioskRefusal.class)
                .expectExceptionMessage(containsString("stock.adjust.more-than-available"))
                .expectNoEvents();
    }

    @Test
    void aCountReplacesTheBookQuantityButNeverBelowWhatIsSetAside() {
        fixture.given(opened(), donated(10, 20))
                .when(new AdjustStockCommand(SHOP, "adj-1", RICE, "大米", AdjustmentKind.COUNTED, 17, "月底盘点"))
                .expectEvents(new StockAdjusted(SHOP, "adj-1", RICE, "大米", AdjustmentKind.COUNTED, -3, 17, "月底盘点"));
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, oil(4)))
                .when(new AdjustStockCommand(SHOP, "adj-2", OIL, "食用油", AdjustmentKind.COUNTED, 3, "盘点"))
                .expectException(KioskRefusal.class)
                .expectExceptionMessage(containsString("stock.adjust.below-reserved"));
    }

    @Test
    void anAdjustmentWithoutReasonOrWithANegativeQuantityIsRefused() {
        fixture.given(opened(), donated(10, 20))
                .when(new AdjustStockCommand(SHOP, "adj-1", OIL, "食用油", AdjustmentKind.DAMAGED, 1, " "))
                .expectException(KioskRefusal.class).expectExceptionMessage(containsString("reason-missing"));
        refusedWhenMade("stock.quantity.invalid",
                () -> new AdjustStockCommand(SHOP, "adj-1", OIL, "食用油", AdjustmentKind.DAMAGED, -1, "x"));
        refusedWhenMade("stock.quantity.invalid",
                () -> new AdjustStockCommand(SHOP, "adj-1", OIL, "食用油", AdjustmentKind.DAMAGED, 0, "x"));
        refusedWhenMade("stock.quantity.invalid",
                () -> new AdjustStockCommand(SHOP, "adj-1", OIL, "食用油", AdjustmentKind.COUNTED, -1, "x"));
        refusedWhenMade("stock.quantity.invalid", () -> new AdjustStockCommand(SHOP, "adj-1", OIL, "食用油",
                AdjustmentKind.COUNTED, Long.MAX_VALUE, "x"));
    }

    @Test
    void aBasketIsReservedWhole() {
        fixture.given(opened(), donated(10, 20))
                .when(new ReserveStockCommand(SHOP, CO1, WANG, MARCH, List.of(oil(2), rice(1, 0))))
                .expectEvents(reserved(CO1, WANG, MARCH, oil(2), rice(1, 0)));
    }

    @Test
    void aBasketWithOneShortProductReservesNothing() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, oil(9)))
                .when(new ReserveStockCommand(SHOP, CO2, LI, MARCH, List.of(rice(1, 0), oil(2))))
                .expectException(KioskRefusal.class)
                .expectExceptionMessage(containsString("stock.short"))
                .expectNoEvents();
    }

    @Test
    void aProductNeverStockedIsShort() {
        fixture.given(opened())
                .when(new ReserveStockCommand(SHOP, CO1, WANG, MARCH, List.of(oil(1))))
                .expectException(KioskRefusal.class).expectExceptionMessage(containsString("stock.short"));
    }

    @Test
    void aQuantityOfZeroOrLessIsRefused() {
        refusedWhenMade("stock.quantity.invalid", () -> new ReserveStockCommand(SHOP, CO1, WANG, MARCH, List.of(oil(0))));
        refusedWhenMade("stock.quantity.invalid", () -> new ReserveStockCommand(SHOP, CO1, WANG, MARCH, List.of(oil(-3))));
        refusedWhenMade("stock.quantity.invalid",
                () -> new ReserveStockCommand(SHOP, CO1, WANG, MARCH, List.of(oil(Quantity.MAX_RESERVED + 1))));
    }

    /** A command with a quantity out of range cannot be made: the value type refuses it, naming the product. */
    private static void refusedWhenMade(String code, Executable made) {
        KioskRefusal refusal = Assertions.assertThrows(KioskRefusal.class, made);
        Assertions.assertEquals(code, refusal.code());
    }

    @Test
    void anEmptyBasketOrOneProductTwiceIsRefused() {
        fixture.given(opened(), donated(10, 20))
                .when(new ReserveStockCommand(SHOP, CO1, WANG, MARCH, List.of()))
                .expectException(KioskRefusal.class).expectExceptionMessage(containsString("checkout.basket.empty"));
        fixture.given(opened(), donated(10, 20))
                .when(new ReserveStockCommand(SHOP, CO1, WANG, MARCH, List.of(oil(1), oil(1))))
                .expectException(KioskRefusal.class).expectExceptionMessage(containsString("stock.product.twice"));
    }

    @Test
    void theSameCheckoutAskingAgainReservesNothingMore() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, oil(2)))
                .when(new ReserveStockCommand(SHOP, CO1, WANG, MARCH, List.of(oil(2))))
                .expectNoEvents();
    }

    @Test
    void theSameCheckoutIdWithAnotherBasketIsRefused() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, oil(2)))
                .when(new ReserveStockCommand(SHOP, CO1, WANG, MARCH, List.of(oil(3))))
                .expectException(KioskRefusal.class)
                .expectExceptionMessage(containsString("checkout.request.reused"));
    }

    @Test
    void aReleasedCheckoutCannotBeReservedAgain() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, oil(2)),
                        new StockReleased(SHOP, CO1, List.of(oil(2)), "积分不足"))
                .when(new ReserveStockCommand(SHOP, CO1, WANG, MARCH, List.of(oil(2))))
                .expectException(KioskRefusal.class)
                .expectExceptionMessage(containsString("checkout.already-cancelled"));
    }

    @Test
    void aHouseholdCannotPassAProductsMonthlyLimitButAnotherHouseholdCan() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, rice(2, 3)))
                .when(new ReserveStockCommand(SHOP, CO2, WANG, MARCH, List.of(rice(2, 3))))
                .expectException(KioskRefusal.class)
                .expectExceptionMessage(containsString("stock.limit"));
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, rice(2, 3)))
                .when(new ReserveStockCommand(SHOP, CO2, LI, MARCH, List.of(rice(2, 3))))
                .expectEvents(reserved(CO2, LI, MARCH, rice(2, 3)));
    }

    @Test
    void theMonthlyLimitStartsAgainNextMonth() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, rice(3, 3)))
                .when(new ReserveStockCommand(SHOP, CO2, WANG, APRIL, List.of(rice(3, 3))))
                .expectEvents(reserved(CO2, WANG, APRIL, rice(3, 3)));
    }

    @Test
    void releasedGoodsAndReturnedGoodsNoLongerCountTowardsTheLimit() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, rice(3, 3)),
                        new StockReleased(SHOP, CO1, List.of(rice(3, 3)), "积分不足"))
                .when(new ReserveStockCommand(SHOP, CO2, WANG, MARCH, List.of(rice(3, 3))))
                .expectEvents(reserved(CO2, WANG, MARCH, rice(3, 3)));
    }

    @Test
    void aRefusedPaymentReleasesTheReservedGoods() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, oil(2)))
                .when(new ReleaseStockCommand(SHOP, CO1, "积分不足"))
                .expectEvents(new StockReleased(SHOP, CO1, List.of(oil(2)), "积分不足"));
    }

    @Test
    void releasingTwiceOrReleasingWhatWasNeverReservedChangesNothing() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, oil(2)),
                        new StockReleased(SHOP, CO1, List.of(oil(2)), "积分不足"))
                .when(new ReleaseStockCommand(SHOP, CO1, "积分不足"))
                .expectNoEvents();
        fixture.given(opened(), donated(10, 20))
                .when(new ReleaseStockCommand(SHOP, CO2, "库存不足"))
                .expectNoEvents();
    }

    @Test
    void soldGoodsCannotBeReleased() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, oil(2)),
                        new StockSold(SHOP, CO1, WANG, List.of(oil(2)), NOW))
                .when(new ReleaseStockCommand(SHOP, CO1, "x"))
                .expectException(KioskRefusal.class).expectExceptionMessage(containsString("stock.release.sold"));
    }

    @Test
    void aPaidCheckoutSellsItsReservedGoodsOnce() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, oil(2)))
                .when(new ConfirmSaleCommand(SHOP, CO1, NOW))
                .expectEvents(new StockSold(SHOP, CO1, WANG, List.of(oil(2)), NOW));
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, oil(2)),
                        new StockSold(SHOP, CO1, WANG, List.of(oil(2)), NOW))
                .when(new ConfirmSaleCommand(SHOP, CO1, NOW))
                .expectNoEvents();
    }

    @Test
    void aReleasedCheckoutCannotBeSold() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, oil(2)),
                        new StockReleased(SHOP, CO1, List.of(oil(2)), "x"))
                .when(new ConfirmSaleCommand(SHOP, CO1, NOW))
                .expectException(KioskRefusal.class).expectExceptionMessage(containsString("stock.sale.not-reserved"));
    }

    @Test
    void soldGoodsLeaveTheShelfForGood() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, oil(6)),
                        new StockSold(SHOP, CO1, WANG, List.of(oil(6)), NOW))
                .when(new ReserveStockCommand(SHOP, CO2, LI, MARCH, List.of(oil(5))))
                .expectException(KioskRefusal.class).expectExceptionMessage(containsString("stock.short"));
    }

    @Test
    void aRefundReturnsTheGoodsOnceAndTheyCanBeSoldAgain() {
        Object[] sold = {opened(), donated(2, 20), reserved(CO1, WANG, MARCH, oil(2)),
                new StockSold(SHOP, CO1, WANG, List.of(oil(2)), NOW)};
        fixture.given(sold)
                .when(new ReturnStockCommand(SHOP, CO1, "质量问题", NOW))
                .expectEvents(new StockReturned(SHOP, CO1, WANG, MARCH, List.of(oil(2)), "质量问题", NOW));
        fixture.given(opened(), donated(2, 20), reserved(CO1, WANG, MARCH, oil(2)),
                        new StockSold(SHOP, CO1, WANG, List.of(oil(2)), NOW),
                        new StockReturned(SHOP, CO1, WANG, MARCH, List.of(oil(2)), "质量问题", NOW))
                .when(new ReturnStockCommand(SHOP, CO1, "质量问题", NOW))
                .expectNoEvents();
        fixture.given(opened(), donated(2, 20), reserved(CO1, WANG, MARCH, oil(2)),
                        new StockSold(SHOP, CO1, WANG, List.of(oil(2)), NOW),
                        new StockReturned(SHOP, CO1, WANG, MARCH, List.of(oil(2)), "质量问题", NOW))
                .when(new ReserveStockCommand(SHOP, CO2, LI, MARCH, List.of(oil(2))))
                .expectEvents(reserved(CO2, LI, MARCH, oil(2)));
    }

    @Test
    void onlySoldGoodsCanBeReturned() {
        fixture.given(opened(), donated(10, 20), reserved(CO1, WANG, MARCH, oil(2)))
                .when(new ReturnStockCommand(SHOP, CO1, "x", NOW))
                .expectException(KioskRefusal.class).expectExceptionMessage(containsString("stock.return.not-sold"));
    }
}
