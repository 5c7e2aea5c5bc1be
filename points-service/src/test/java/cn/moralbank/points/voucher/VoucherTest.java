package cn.moralbank.points.voucher;

import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.LedgerRefusal;
import cn.moralbank.points.voucher.api.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.hamcrest.Matchers.containsString;

class VoucherTest {
    static final VoucherSerial SERIAL = VoucherSerial.of(42);
    static final HouseholdId HH = new HouseholdId("hh-1");
    static final String COUNTY = "/130826/";
    static final String VILLAGE = "/130826/130826103/130826103201/";
    static final Instant AT = Instant.parse("2025-03-01T02:00:00Z");
    static final String HEDONG_SHOP = "/130826/130826103/130826103201/";
    static final String OTHER_COUNTY_SHOP = "/130827/130827100/130827100201/";

    private FixtureConfiguration<Voucher> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Voucher.class);
    }

    static IssueVoucherCommand issue(long points) {
        return new IssueVoucherCommand(SERIAL, HH, points, COUNTY, VILLAGE, "batch-0001", AT);
    }

    static VoucherIssued issued() {
        return new VoucherIssued(SERIAL, HH, 10, COUNTY, VILLAGE, "batch-0001", AT);
    }

    static VoucherRedeemed redeemed(String ref) {
        return new VoucherRedeemed(SERIAL, HH, 10, ref, "supermarket-1", AT);
    }

    @Test
    void aVoucherIsIssuedWithItsHouseholdValueAndCounty() {
        fixture.givenNoPriorActivity()
                .when(issue(10))
                .expectEvents(issued())
                .expectResultMessagePayload(new VoucherState(SERIAL, HH, 10, VoucherStatus.ISSUED, null));
    }

    @Test
    void anIssueSentAgainAfterACrashChangesNothing() {
        fixture.given(issued())
                .when(issue(10))
                .expectNoEvents()
                .expectResultMessagePayload(new VoucherState(SERIAL, HH, 10, VoucherStatus.ISSUED, null));
    }

    @Test
    void aSerialIsNeverIssuedTwiceForDifferentPoints() {
        fixture.given(issued())
                .when(issue(20))
                .expectException(VoucherRefusal.class)
                .expectExceptionMessage(containsString("voucher.serial.taken"));
    }

    @Test
    void aVoucherOfNoPointsIsRefused() {
        // the face value is a Points: a voucher of 0 points cannot even be asked for
        Assertions.assertThrows(LedgerRefusal.class, () -> issue(0));
    }

    @Test
    void aVoucherIsRedeemedOnceAtASupermarketOfItsCounty() {
        fixture.given(issued())
                .when(new RedeemVoucherCommand(SERIAL, "checkout:a", "supermarket-1", HEDONG_SHOP, AT))
                .expectEvents(redeemed("checkout:a"))
                .expectResultMessagePayload(new VoucherState(SERIAL, HH, 10, VoucherStatus.REDEEMED, "checkout:a"));
    }

    @Test
    void theSamePurchaseAskingAgainGetsTheSameAnswerWithoutANewEvent() {
        fixture.given(issued(), redeemed("checkout:a"))
                .when(new RedeemVoucherCommand(SERIAL, "checkout:a", "supermarket-1", HEDONG_SHOP, AT))
                .expectNoEvents()
                .expectResultMessagePayload(new VoucherState(SERIAL, HH, 10, VoucherStatus.REDEEMED, "checkout:a"));
    }

    @Test
    void aVoucherAlreadyRedeemedIsRefusedForAnotherPurchase() {
        fixture.given(issued(), redeemed("checkout:a"))
                .when(new RedeemVoucherCommand(SERIAL, "checkout:b", "supermarket-2", HEDONG_SHOP, AT))
                .expectException(VoucherRefusal.class)
                .expectExceptionMessage(containsString("voucher.redeemed"))
                .expectNoEvents();
    }

    @Test
    void aVoidedVoucherIsRefusedAtTheKiosk() {
        fixture.given(issued(), new VoucherVoided(SERIAL, HH, 10, "丢失", AT))
                .when(new RedeemVoucherCommand(SERIAL, "checkout:a", "supermarket-1", HEDONG_SHOP, AT))
                .expectException(VoucherRefusal.class)
                .expectExceptionMessage(containsString("voucher.voided"))
                .expectNoEvents();
    }

    @Test
    void aVoucherIsRefusedOutsideItsCounty() {
        fixture.given(issued())
                .when(new RedeemVoucherCommand(SERIAL, "checkout:a", "supermarket-9", OTHER_COUNTY_SHOP, AT))
                .expectException(VoucherRefusal.class)
                .expectExceptionMessage(containsString("voucher.other-county"))
                .expectNoEvents();
    }

    @Test
    void aRedemptionWhosePurchaseFailedIsCancelledAndTheVoucherCanBeSpentAgain() {
        fixture.given(issued(), redeemed("checkout:a"))
                .when(new CancelRedemptionCommand(SERIAL, "checkout:a", "积分不足"))
                .expectEvents(new VoucherRedemptionCancelled(SERIAL, "checkout:a", "积分不足"))
                .expectResultMessagePayload(new VoucherState(SERIAL, HH, 10, VoucherStatus.ISSUED, null));
    }

    @Test
    void cancellingAnotherPurchasesRedemptionChangesNothing() {
        fixture.given(issued(), redeemed("checkout:a"))
                .when(new CancelRedemptionCommand(SERIAL, "checkout:b", "库存不足"))
                .expectNoEvents();
    }

    @Test
    void aCancelledRedemptionCancelledAgainChangesNothing() {
        fixture.given(issued(), redeemed("checkout:a"), new VoucherRedemptionCancelled(SERIAL, "checkout:a", "x"))
                .when(new CancelRedemptionCommand(SERIAL, "checkout:a", "x"))
                .expectNoEvents();
    }

    @Test
    void anUnspentVoucherIsVoided() {
        fixture.given(issued())
                .when(new VoidVoucherCommand(SERIAL, "丢失", AT))
                .expectEvents(new VoucherVoided(SERIAL, HH, 10, "丢失", AT))
                .expectResultMessagePayload(new VoucherState(SERIAL, HH, 10, VoucherStatus.VOIDED, null));
    }

    @Test
    void voidingAgainChangesNothingSoTheCallerCanFinishTheCreditBack() {
        fixture.given(issued(), new VoucherVoided(SERIAL, HH, 10, "丢失", AT))
                .when(new VoidVoucherCommand(SERIAL, "丢失", AT))
                .expectNoEvents()
                .expectResultMessagePayload(new VoucherState(SERIAL, HH, 10, VoucherStatus.VOIDED, null));
    }

    @Test
    void aSpentVoucherCannotBeVoided() {
        fixture.given(issued(), redeemed("checkout:a"))
                .when(new VoidVoucherCommand(SERIAL, "丢失", AT))
                .expectException(VoucherRefusal.class)
                .expectExceptionMessage(containsString("voucher.void.redeemed"))
                .expectNoEvents();
    }
}
