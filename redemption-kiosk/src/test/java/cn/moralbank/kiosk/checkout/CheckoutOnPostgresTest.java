package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.product.Product;
import cn.moralbank.kiosk.product.Products;
import cn.moralbank.kiosk.testing.KioskDatabaseTest;
import cn.moralbank.kiosk.testing.KioskWorld;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.deed.MovableClock;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdChanges;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.MalformedId;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.points.voucher.Vouchers;
import cn.moralbank.points.voucher.api.VoucherSerial;
import cn.moralbank.points.voucher.api.VoucherStatus;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

@MicronautTest(transactional = false)
class CheckoutOnPostgresTest extends KioskDatabaseTest {
    @Inject ApplicationContext context;
    @Inject Checkouts checkouts;
    @Inject Receipts receipts;
    @Inject HalfFinishedCheckouts halfFinished;
    @Inject Refunds refunds;
    @Inject Ledger ledger;
    @Inject Vouchers vouchers;
    @Inject Products products;
    @Inject MovableClock clock;
    @Inject DataSource dataSource;

    KioskWorld world;
    Sql sql;

    @BeforeAll
    void world() {
        world = new KioskWorld(context);
        sql = new Sql(dataSource);
    }

    static String requestId() {
        return UUID.randomUUID().toString();
    }

    static CheckoutRequest.Line line(Product product, long quantity) {
        return new CheckoutRequest.Line(product.id(), quantity, product.pricePoints());
    }

    CheckoutRequest byCard(Household h, CheckoutRequest.Line... lines) {
        return new CheckoutRequest(requestId(), h.cardNumber(), KioskWorld.PIN, List.of(lines), List.of());
    }

    /** A voucher issued to the household, once its debit and the voucher both show in the read models. */
    private String voucherCode(Household h, long points) {
        var issued = vouchers.issue(world.hedongAdmin, h.householdId(), List.of(points), requestId());
        String serial = issued.vouchers().get(0).serial();
        Eventually.until("voucher view", () -> vouchers.find(new VoucherSerial(serial)).isPresent());
        Eventually.until("voucher paid", () -> world.balance(h.householdId()) == issued.balanceAfter());
        return vouchers.printedCode(world.hedongAdmin, new VoucherSerial(serial));
    }

    /** Checkouts that took something: a refusal may be recorded (REFUSED, for the day's report), nothing else. */
    private long checkoutRows() {
        return sql.count("SELECT count(*) FROM checkout WHERE status <> 'REFUSED'");
    }

    /** Runs a refusal and checks nothing changed: balance, stock, and no checkout that took anything. */
    private <T extends RuntimeException> T refusedWithNothingChanged(Class<T> type, Household h, Product p,
                                                                     CheckoutRequest request) {
        long balance = world.balance(h.householdId());
        long available = world.available(world.hedongShop, p);
        long rows = checkoutRows();
        T refusal = assertThrows(type, () -> checkouts.checkout(world.kiosk1, request));
        assertEquals(balance, world.balance(h.householdId()), "balance unchanged");
        assertEquals(available, world.available(world.hedongShop, p), "stock unchanged");
        assertEquals(rows, checkoutRows(), "no checkout recorded");
        return refusal;
    }

    @Test
    void aHouseholdCardAndPinRedeemTwoProductsAndTheReceiptShowsTheBalanceAfter() {
        Household h = world.household(100);
        Product oil = world.product(world.hedongShop, "食用油", 30, 0, 10);
        Product soap = world.product(world.hedongShop, "香皂", 4, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, soap) == 10);

        CheckoutResult receipt = checkouts.checkout(world.kiosk1, byCard(h, line(oil, 2), line(soap, 3)));

        assertEquals(CheckoutStatus.COMPLETED, receipt.status());
        assertFalse(receipt.repeated());
        assertEquals(72, receipt.totalPoints());
        assertEquals(72, receipt.cardPoints());
        assertEquals(28L, receipt.balanceAfter());
        assertEquals(5, receipt.itemCount());
        assertTrue(receipt.maskedCard().endsWith(h.cardNumber().substring(h.cardNumber().length() - 4)));
        assertFalse(receipt.maskedCard().contains(h.cardNumber()));
        Eventually.until("balance", () -> world.balance(h.householdId()) == 28);
        Eventually.until("stock", () -> world.onHand(world.hedongShop, oil) == 8
                && world.onHand(world.hedongShop, soap) == 7 && world.available(world.hedongShop, soap) == 7);
    }

    /** Events in the store whose payload names the checkout (its stock basket, voucher reference, ledger entry). */
    private long eventsOf(String requestId) {
        return sql.count("SELECT count(*) FROM domain_event_entry WHERE position(? IN convert_from(payload, 'UTF8')) > 0",
                requestId);
    }

    /**
     * Stock, voucher, card debit, change and sale in one transaction: every event the checkout appended carries the
     * same transaction id, which is its position's high bits (ADR 0007).
     */
    @Test
    void aCheckoutsEventsAreAppendedInOneTransaction() {
        Household h = world.household(100);
        Product oil = world.product(world.hedongShop, "食用油", 30, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, oil) == 10);
        String voucher = voucherCode(h, 20);
        CheckoutRequest request = new CheckoutRequest(requestId(), h.cardNumber(), KioskWorld.PIN,
                List.of(line(oil, 1)), List.of(voucher));   // 30: voucher 20 + card 10

        CheckoutResult receipt = checkouts.checkout(world.kiosk1, request);

        assertEquals(CheckoutStatus.COMPLETED, receipt.status());
        assertEquals(10, receipt.cardPoints());
        assertEquals(4, eventsOf(request.requestId()), "stock reserved, voucher redeemed, card debited, sale confirmed");
        assertEquals(1, sql.count("SELECT count(DISTINCT global_index >> 20) FROM domain_event_entry "
                + "WHERE position(? IN convert_from(payload, 'UTF8')) > 0", request.requestId()), "one transaction");
    }

    @Test
    void aRetriedCheckoutReturnsTheFirstResultAndNeverDebitsAgain() {
        Household h = world.household(100);
        Product oil = world.product(world.hedongShop, "食用油", 30, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, oil) == 10);
        CheckoutRequest request = byCard(h, line(oil, 1));

        CheckoutResult first = checkouts.checkout(world.kiosk1, request);
        CheckoutResult retry = checkouts.checkout(world.kiosk1, request);
        CheckoutResult fromTheOtherKiosk = checkouts.checkout(world.kiosk2, request);

        assertFalse(first.repeated());
        assertTrue(retry.repeated());
        assertEquals(first.receiptNo(), retry.receiptNo());
        assertEquals(70L, retry.balanceAfter());
        assertEquals(first.receiptNo(), fromTheOtherKiosk.receiptNo());
        Eventually.until("balance", () -> world.balance(h.householdId()) == 70);
        Eventually.until("stock", () -> world.onHand(world.hedongShop, oil) == 9);
        assertEquals(1, sql.count("SELECT count(*) FROM passbook_entry WHERE household_id = ? AND kind = 'DEBIT'",
                h.id()));
        assertEquals(first.receiptNo(), receipts.result(world.kiosk1, new CheckoutId(request.requestId()))
                .receiptNo());
    }

    /**
     * A retry answers the first result even while the card is held back: the crash rounds (ops/faults.sh crash) saw a
     * retry refused by a throttle while the checkout it retried had gone through, its debit in the store.
     */
    @Test
    void aRetryAnswersTheFirstResultEvenWhileTheCardIsHeldBack() {
        Household h = world.household(100);
        Product soap = world.product(world.hedongShop, "香皂", 4, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, soap) == 10);
        CheckoutRequest request = byCard(h, line(soap, 1));
        CheckoutResult first = checkouts.checkout(world.kiosk1, request);
        sql.update("INSERT INTO card_pin_guard (card_number, failures, locked_until, last_failure_at) VALUES "
                + "(?, 5, now() + interval '5 minutes', now()) ON CONFLICT (card_number) DO UPDATE SET failures = 5, "
                + "locked_until = now() + interval '5 minutes'", h.cardNumber());
        CheckoutResult retry = checkouts.checkout(world.kiosk1, request);
        assertTrue(retry.repeated());
        assertEquals(first.receiptNo(), retry.receiptNo());
        KioskRefusal fresh = assertThrows(KioskRefusal.class, () -> checkouts.checkout(world.kiosk1,
                byCard(h, line(soap, 1))));
        assertEquals("kiosk.card.locked", fresh.code(), "a new checkout with the card still waits");
    }

    /**
     * The retry's answer names the household and its balance, so a retry must carry the card's PIN: a wrong one is
     * refused, and three wrong ones end that checkout's retries for the day, though the card and the kiosk are not
     * held back by them.
     */
    @Test
    void aRetryWithAWrongPinIsRefusedAndThreeWrongOnesEndItsRetries() {
        Household h = world.household(100);
        Product soap = world.product(world.hedongShop, "肥皂", 4, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, soap) == 10);
        CheckoutRequest request = byCard(h, line(soap, 1));
        CheckoutResult first = checkouts.checkout(world.kiosk1, request);
        String wrongPin = KioskWorld.PIN.equals("0000") ? "1111" : "0000";
        CheckoutRequest guess = new CheckoutRequest(request.requestId(), request.cardNumber(), wrongPin,
                request.lines(), request.vouchers());

        KioskRefusal wrong = assertThrows(KioskRefusal.class, () -> checkouts.checkout(world.kiosk2, guess));
        assertEquals("kiosk.retry.pin-wrong", wrong.code());
        assertEquals(first.receiptNo(), checkouts.checkout(world.kiosk1, request).receiptNo(),
                "the right PIN still gets the first answer");
        for (int i = 0; i < 2; i++) {
            assertThrows(KioskRefusal.class, () -> checkouts.checkout(world.kiosk2, guess));
        }
        KioskRefusal ended = assertThrows(KioskRefusal.class, () -> checkouts.checkout(world.kiosk1, request));
        assertEquals("kiosk.retry.locked", ended.code());
        assertEquals(3, sql.count("SELECT failures FROM card_pin_guard WHERE card_number = ?", h.cardNumber()),
                "the retries' wrong PINs count on the card as any wrong PIN, where the county office sees them");
        CheckoutRequest next = byCard(h, line(soap, 1));
        assertEquals(92L, checkouts.checkout(world.kiosk1, next).balanceAfter(),
                "a new checkout with the card and its PIN goes through");

        clock.advance(Receipts.ON_KIOSK.plusMinutes(1));
        try {
            KioskRefusal late = assertThrows(KioskRefusal.class, () -> checkouts.checkout(world.kiosk1, next));
            assertEquals("kiosk.retry.expired", late.code(), "a lost answer is asked for within minutes, not later");
        } finally {
            clock.advance(Receipts.ON_KIOSK.plusMinutes(1).negated());
        }
    }

    @Test
    void aKioskReadsARefusalLikeAReceiptOnlyWithinItsWindow() {
        Household h = world.household(10);
        Product oil = world.product(world.hedongShop, "食用油", 30, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, oil) == 10);
        CheckoutRequest request = byCard(h, line(oil, 1));
        assertEquals("checkout.points.insufficient",
                assertThrows(KioskRefusal.class, () -> checkouts.checkout(world.kiosk1, request)).code());
        CheckoutId id = new CheckoutId(request.requestId());
        assertEquals("checkout.points.insufficient",
                assertThrows(KioskRefusal.class, () -> receipts.result(world.kiosk1, id)).code(),
                "the refusal just made is the kiosk's to show again");

        clock.advance(Receipts.ON_KIOSK.plusMinutes(1));
        try {
            // an older refusal names the household's balance: a public screen reads it no more, the operator does
            assertThrows(AccessDenied.class, () -> receipts.result(world.kiosk1, id));
            assertEquals("checkout.points.insufficient",
                    assertThrows(KioskRefusal.class, () -> receipts.result(world.operator, id)).code());
        } finally {
            clock.advance(Receipts.ON_KIOSK.plusMinutes(1).negated());
        }
    }

    @Test
    void theSameRequestIdWithAnotherBasketIsRefusedAndChangesNothing() {
        Household h = world.household(100);
        Product oil = world.product(world.hedongShop, "食用油", 30, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, oil) == 10);
        CheckoutRequest request = byCard(h, line(oil, 1));
        checkouts.checkout(world.kiosk1, request);
        Eventually.until("balance", () -> world.balance(h.householdId()) == 70);
        Eventually.until("stock", () -> world.available(world.hedongShop, oil) == 9);

        CheckoutRequest other = new CheckoutRequest(request.requestId(), h.cardNumber(), KioskWorld.PIN,
                List.of(line(oil, 2)), List.of());
        KioskRefusal refusal = refusedWithNothingChanged(KioskRefusal.class, h, oil, other);
        assertEquals("checkout.request.reused", refusal.code());
    }

    @Test
    void whenPointsAreShortNothingIsTakenFromEitherSideAndTheVoucherCanBeSpentAgain() {
        Household h = world.household(40);
        Product oil = world.product(world.hedongShop, "食用油", 30, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, oil) == 10);
        String voucher = voucherCode(h, 10);   // 40 - 10 = 30 left on the card
        Eventually.until("balance", () -> world.balance(h.householdId()) == 30);
        CheckoutRequest request = new CheckoutRequest(requestId(), h.cardNumber(), KioskWorld.PIN,
                List.of(line(oil, 2)), List.of(voucher));   // 60: voucher 10 + card 50 > 30

        KioskRefusal refusal = assertThrows(KioskRefusal.class, () -> checkouts.checkout(world.kiosk1, request));

        assertEquals("checkout.points.insufficient", refusal.code());
        assertEquals(List.of("50", "30"), refusal.arguments().stream().map(String::valueOf).toList());
        assertEquals(0, eventsOf(request.requestId()), "undone, not compensated: the stock and voucher steps are gone");
        VoucherSerial serial = vouchers.verify(voucher);
        Eventually.until("voucher spendable again",
                () -> vouchers.find(serial).orElseThrow().status() == VoucherStatus.ISSUED);
        Eventually.until("stock released", () -> world.available(world.hedongShop, oil) == 10
                && world.onHand(world.hedongShop, oil) == 10);
        assertEquals(30, world.balance(h.householdId()));
        KioskRefusal again = assertThrows(KioskRefusal.class, () -> checkouts.checkout(world.kiosk1, request));
        assertEquals("checkout.points.insufficient", again.code(), "a retry gets the same refusal");
        assertEquals("REFUSED", sql.single("SELECT status FROM checkout WHERE checkout_id = ?", request.requestId()));

        CheckoutResult paidWithVoucherAndCard = checkouts.checkout(world.kiosk1, new CheckoutRequest(requestId(),
                h.cardNumber(), KioskWorld.PIN, List.of(line(oil, 1)), List.of(voucher)));
        assertEquals(10, paidWithVoucherAndCard.voucherPoints());
        assertEquals(20, paidWithVoucherAndCard.cardPoints());
        assertEquals(10L, paidWithVoucherAndCard.balanceAfter());
    }

    @Test
    void whenStockIsShortNothingIsDebitedAndTheVillagerIsToldHowManyAreLeft() {
        Household h = world.household(100);
        Product rice = world.product(world.hedongShop, "大米", 25, 0, 1);
        Eventually.until("stock", () -> world.available(world.hedongShop, rice) == 1);
        String voucher = voucherCode(h, 50);
        Eventually.until("balance", () -> world.balance(h.householdId()) == 50);
        CheckoutRequest request = new CheckoutRequest(requestId(), h.cardNumber(), KioskWorld.PIN,
                List.of(line(rice, 3)), List.of(voucher));

        KioskRefusal refusal = assertThrows(KioskRefusal.class, () -> checkouts.checkout(world.kiosk1, request));

        assertEquals("stock.short", refusal.code());
        assertEquals("1", String.valueOf(refusal.arguments().get(1)));
        assertEquals(50, world.balance(h.householdId()));
        assertEquals(VoucherStatus.ISSUED, vouchers.find(vouchers.verify(voucher)).orElseThrow().status());
        assertEquals(1, world.available(world.hedongShop, rice));
    }

    /**
     * The input attacker's find: a voucher of a household since merged into another (合户) could not be spent if it
     * left change (its account is closed); the change goes to the household holding its points now.
     */
    @Test
    void aVoucherOfAMergedHouseholdPaysAndItsChangeGoesToTheHouseholdItJoined() {
        Household merged = world.household(100);
        Household into = world.household(50);
        Product towel = world.product(world.hedongShop, "浴巾", 8, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, towel) == 10);
        String voucher = voucherCode(merged, 10);
        context.getBean(HouseholdChanges.class).merge(world.hedongAdmin, merged.householdId(), into.householdId(),
                "合户");
        Eventually.until("the merge", () -> world.balance(into.householdId()) == 140);

        CheckoutResult paid = checkouts.checkout(world.kiosk1, new CheckoutRequest(requestId(), null, null,
                List.of(line(towel, 1)), List.of(voucher)));

        assertEquals(2, paid.changePoints());
        Eventually.until("change credited where the points are", () -> world.balance(into.householdId()) == 142);
        Eventually.until("stock", () -> world.available(world.hedongShop, towel) == 9);
    }

    @Test
    void aVoucherPaysAtTheKioskOnceAndIsRefusedTheSecondTime() {
        Household h = world.household(100);
        Product towel = world.product(world.hedongShop, "毛巾", 8, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, towel) == 10);
        String voucher = voucherCode(h, 10);
        Eventually.until("balance", () -> world.balance(h.householdId()) == 90);

        CheckoutResult paid = checkouts.checkout(world.kiosk1, new CheckoutRequest(requestId(), null, null,
                List.of(line(towel, 1)), List.of(voucher)));

        assertEquals(8, paid.totalPoints());
        assertEquals(0, paid.cardPoints());
        assertEquals(8, paid.voucherPoints());
        assertEquals(2, paid.changePoints(), "paper vouchers give no change: it goes back to the account");
        assertNull(paid.balanceAfter());
        Eventually.until("change credited", () -> world.balance(h.householdId()) == 92);
        Eventually.until("stock", () -> world.available(world.hedongShop, towel) == 9);

        CheckoutRequest second = new CheckoutRequest(requestId(), null, null, List.of(line(towel, 1)),
                List.of(voucher));
        BadInput refusal = refusedWithNothingChanged(BadInput.class, h, towel, second);
        assertEquals("voucher.redeemed", refusal.code());
    }

    @Test
    void aVoucherThatIsNotNeededOrTooLittleWithoutACardIsRefused() {
        Household h = world.household(100);
        Product soap = world.product(world.hedongShop, "香皂", 4, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, soap) == 10);
        String five = voucherCode(h, 5);
        String ten = voucherCode(h, 10);
        assertEquals("checkout.voucher.not-needed", refusedWithNothingChanged(KioskRefusal.class, h, soap,
                new CheckoutRequest(requestId(), null, null, List.of(line(soap, 1)), List.of(ten, five))).code());
        assertEquals("checkout.card.needed", refusedWithNothingChanged(KioskRefusal.class, h, soap,
                new CheckoutRequest(requestId(), null, null, List.of(line(soap, 3)), List.of(five))).code());
        assertEquals("checkout.voucher.twice", refusedWithNothingChanged(KioskRefusal.class, h, soap,
                new CheckoutRequest(requestId(), null, null, List.of(line(soap, 3)), List.of(five, five))).code());
    }

    @Test
    void aVoidedOrForgedOrAlteredVoucherIsRefusedWithNothingChanged() {
        Household h = world.household(100);
        Product soap = world.product(world.hedongShop, "香皂", 4, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, soap) == 10);
        String voided = voucherCode(h, 5);
        vouchers.voidVoucher(world.hedongAdmin, vouchers.verify(voided), "村民报失");
        Eventually.until("voided", () -> vouchers.find(vouchers.verify(voided)).orElseThrow().status()
                == VoucherStatus.VOIDED);
        Eventually.until("credited back", () -> world.balance(h.householdId()) == 100);
        assertEquals("voucher.voided", refusedWithNothingChanged(BadInput.class, h, soap,
                new CheckoutRequest(requestId(), null, null, List.of(line(soap, 1)), List.of(voided))).code());

        String good = voucherCode(h, 5);
        String altered = good.substring(0, good.length() - 1) + (good.endsWith("A") ? "B" : "A");
        assertEquals("voucher.forged", refusedWithNothingChanged(BadInput.class, h, soap,
                new CheckoutRequest(requestId(), null, null, List.of(line(soap, 1)), List.of(altered))).code());
        String otherSerial = "V99999999" + good.substring(9);
        assertEquals("voucher.forged", refusedWithNothingChanged(BadInput.class, h, soap,
                new CheckoutRequest(requestId(), null, null, List.of(line(soap, 1)), List.of(otherSerial))).code());
    }

    @Test
    void anUnknownCardOrAWrongPinIsRefusedWithNothingChanged() {
        Household h = world.household(100);
        Product soap = world.product(world.hedongShop, "香皂", 4, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, soap) == 10);
        KioskRefusal unknown = refusedWithNothingChanged(KioskRefusal.class, h, soap, new CheckoutRequest(
                requestId(), "99999999999", KioskWorld.PIN, List.of(line(soap, 1)), List.of()));
        assertEquals("kiosk.card.unusable", unknown.code());
        KioskRefusal wrong = refusedWithNothingChanged(KioskRefusal.class, h, soap, new CheckoutRequest(requestId(),
                h.cardNumber(), "9999", List.of(line(soap, 1)), List.of()));
        assertEquals("kiosk.pin.wrong", wrong.code());
        assertEquals(List.of(4), wrong.arguments());
    }

    @Test
    void aCardOfAVillageTheSupermarketDoesNotServeIsRefusedAsIfItDidNotExist() {
        Household leguoHousehold = world.household(world.leguoGrid, 50);
        Product soap = world.product(world.hedongShop, "香皂", 4, 0, 10);
        KioskRefusal refusal = assertThrows(KioskRefusal.class, () -> checkouts.checkout(world.kiosk1,
                byCard(leguoHousehold, line(soap, 1))));
        assertEquals("kiosk.card.unusable", refusal.code(), "the same answer as an unknown card: a kiosk cannot "
                + "learn which card numbers exist in other villages");
    }

    @Test
    void aProductOfAnotherSupermarketIsRefusedWithNothingChanged() {
        Household h = world.household(100);
        Product leguoOil = world.product(world.leguoShop, "食用油", 30, 0, 10);
        Product soap = world.product(world.hedongShop, "香皂", 4, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, soap) == 10);
        KioskRefusal refusal = refusedWithNothingChanged(KioskRefusal.class, h, soap,
                byCard(h, line(soap, 1), line(leguoOil, 1)));
        assertEquals("checkout.product.other-supermarket", refusal.code());
    }

    @Test
    void aQuantityOfZeroOrLessOrMoreThanInStockIsRefusedWithNothingChanged() {
        Household h = world.household(1000);
        Product soap = world.product(world.hedongShop, "香皂", 4, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, soap) == 10);
        assertEquals("checkout.quantity.invalid",
                refusedWithNothingChanged(KioskRefusal.class, h, soap, byCard(h, line(soap, 0))).code());
        assertEquals("checkout.quantity.invalid",
                refusedWithNothingChanged(KioskRefusal.class, h, soap, byCard(h, line(soap, -2))).code());
        CheckoutRequest tooMany = byCard(h, line(soap, 11));
        KioskRefusal over = assertThrows(KioskRefusal.class, () -> checkouts.checkout(world.kiosk1, tooMany));
        assertEquals("stock.short", over.code());
        assertEquals(1000, world.balance(h.householdId()));
        assertEquals(10, world.available(world.hedongShop, soap));
        assertEquals("checkout.basket.empty", refusedWithNothingChanged(KioskRefusal.class, h, soap,
                new CheckoutRequest(requestId(), h.cardNumber(), KioskWorld.PIN, List.of(), List.of())).code());
        assertThrows(MalformedId.class, () -> checkouts.checkout(world.kiosk1, new CheckoutRequest("短",
                h.cardNumber(), KioskWorld.PIN, List.of(line(soap, 1)), List.of())));
    }

    @Test
    void aPriceChangedSinceTheBasketWasBuiltIsRefusedWithNothingChanged() {
        Household h = world.household(100);
        Product oil = world.product(world.hedongShop, "食用油", 30, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, oil) == 10);
        CheckoutRequest builtBefore = byCard(h, line(oil, 1));
        products.changePrice(world.operator, oil.productId(), 35, "进价上涨");

        KioskRefusal refusal = refusedWithNothingChanged(KioskRefusal.class, h, oil, builtBefore);

        assertEquals("checkout.price.changed", refusal.code());
        assertEquals(List.of(oil.name(), 30L, 35L), refusal.arguments());
        assertEquals(2, products.history(oil.productId()).size());
    }

    @Test
    void aPriceChangesReasonWithControlCharactersIsRefusedAndThePriceStays() {
        Product salt = world.product(world.hedongShop, "食盐", 5, 0, 10);
        for (String hostile : new String[]{"涨\u0000价", "涨\u0007价", "涨\u202E价"}) {
            assertEquals("product.reason.unstorable", assertThrows(KioskRefusal.class,
                    () -> products.changePrice(world.operator, salt.productId(), 6, hostile)).code(), hostile);
        }
        assertEquals(1, products.history(salt.productId()).size());
    }

    @Test
    void aHouseholdCannotPassAProductsMonthlyLimit() {
        Household h = world.household(500);
        Product rice = world.product(world.hedongShop, "大米", 25, 2, 20);
        Eventually.until("stock", () -> world.available(world.hedongShop, rice) == 20);
        checkouts.checkout(world.kiosk1, byCard(h, line(rice, 2)));
        KioskRefusal refusal = assertThrows(KioskRefusal.class,
                () -> checkouts.checkout(world.kiosk1, byCard(h, line(rice, 1))));
        assertEquals("stock.limit", refusal.code());
        Eventually.until("balance", () -> world.balance(h.householdId()) == 450);
    }

    @Test
    void aRefundRestoresPointsAndStockExactlyOnce() {
        Household h = world.household(100);
        Product oil = world.product(world.hedongShop, "食用油", 30, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, oil) == 10);
        String voucher = voucherCode(h, 20);
        CheckoutResult sold = checkouts.checkout(world.kiosk1, new CheckoutRequest(requestId(), h.cardNumber(),
                KioskWorld.PIN, List.of(line(oil, 2)), List.of(voucher)));   // 60: voucher 20, card 40
        Eventually.until("sold", () -> world.balance(h.householdId()) == 40 && world.onHand(world.hedongShop, oil) == 8);

        CheckoutResult refunded = refunds.refund(world.operator, new CheckoutId(sold.checkoutId()), "油桶漏了");
        CheckoutResult again = refunds.refund(world.operator, new CheckoutId(sold.checkoutId()), "油桶漏了");

        assertEquals(CheckoutStatus.REFUNDED, refunded.status());
        assertTrue(again.repeated());
        Eventually.until("points back", () -> world.balance(h.householdId()) == 100);
        Eventually.until("stock back", () -> world.onHand(world.hedongShop, oil) == 10);
        assertEquals(100, world.balance(h.householdId()));
        assertThrows(NotFound.class, () -> refunds.refund(world.operator, new CheckoutId(requestId()), "x"));
    }

    @Test
    void aRefundTheLedgerRefusesChangesNothing() {
        Household h = world.household(100);
        Household into = world.household(0);
        Product oil = world.product(world.hedongShop, "食用油", 30, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, oil) == 10);
        CheckoutResult sold = checkouts.checkout(world.kiosk1, byCard(h, line(oil, 1)));
        Eventually.until("sold", () -> world.onHand(world.hedongShop, oil) == 9);
        // 合户 after the sale: the payer's account is closed, so its debit cannot be reversed
        ledger.merge(world.hedongAdmin, "merge-" + h.householdId().value(), h.householdId(), into.householdId(),
                "合户");

        BadInput refused = assertThrows(BadInput.class,
                () -> refunds.refund(world.operator, new CheckoutId(sold.checkoutId()), "退货"));
        assertEquals("ledger.account.closed", refused.code());
        // nothing changed: the goods are not back on the shelf without the points (before: 10 on hand), and the
        // checkout can still be refunded once the ledger allows it
        assertEquals(0, sql.count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%StockReturned'"
                + " AND convert_from(payload, 'UTF8') LIKE ?", "%" + sold.checkoutId() + "%"),
                "no goods back on the shelf without the points");
        assertEquals(CheckoutStatus.COMPLETED, refunds.byReceipt(world.operator, sold.receiptNo()).status());
    }

    @Test
    void aRefundOfAPayerMergedSinceTheSaleGoesToTheHouseholdItWentInto() {
        Household h = world.household(100);
        Household into = world.household(5);
        Product oil = world.product(world.hedongShop, "食用油", 30, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, oil) == 10);
        String voucher = voucherCode(h, 20);
        CheckoutResult sold = checkouts.checkout(world.kiosk1, new CheckoutRequest(requestId(), h.cardNumber(),
                KioskWorld.PIN, List.of(line(oil, 2)), List.of(voucher)));   // 60: voucher 20, card 40
        Eventually.until("sold", () -> world.balance(h.householdId()) == 40 && world.onHand(world.hedongShop, oil) == 8);
        // 合户 after the sale, by the village's page: h's 40 points go into the other household, h's account closes
        context.getBean(HouseholdChanges.class).merge(world.hedongAdmin, h.householdId(), into.householdId(), "合户");
        Eventually.until("merged", () -> world.balance(into.householdId()) == 45);

        CheckoutResult refunded = refunds.refund(world.operator, new CheckoutId(sold.checkoutId()), "油桶漏了");
        CheckoutResult again = refunds.refund(world.operator, new CheckoutId(sold.checkoutId()), "油桶漏了");

        assertEquals(CheckoutStatus.REFUNDED, refunded.status());
        assertTrue(again.repeated());
        // the card's 40 and the vouchers' 20 come back to the household that holds h's points now, once
        Eventually.until("points back", () -> world.balance(into.householdId()) == 105);
        Eventually.until("stock back", () -> world.onHand(world.hedongShop, oil) == 10);
        assertEquals(0, world.balance(h.householdId()), "the merged account stays closed and empty");
        assertEquals(2, sql.count("SELECT count(*) FROM ledger_entry WHERE household_id = ? AND entry_id LIKE ?",
                into.id(), "refund:" + sold.checkoutId() + "%"));
    }

    @Test
    void aRefusedCheckoutCannotBeRefunded() {
        Household h = world.household(10);
        Product oil = world.product(world.hedongShop, "食用油", 30, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, oil) == 10);
        CheckoutRequest request = byCard(h, line(oil, 1));
        assertThrows(KioskRefusal.class, () -> checkouts.checkout(world.kiosk1, request));
        KioskRefusal refusal = assertThrows(KioskRefusal.class,
                () -> refunds.refund(world.operator, new CheckoutId(request.requestId()), "x"));
        assertEquals("refund.not-completed", refusal.code());
        assertEquals("refund.reason.missing", assertThrows(KioskRefusal.class,
                () -> refunds.refund(world.operator, new CheckoutId(request.requestId()), " ")).code());
    }

    @Test
    void aRefundIsRefusedAfterTheRefundWindowAndForAnotherSupermarketsCheckout() {
        Household h = world.household(100);
        Product oil = world.product(world.hedongShop, "食用油", 30, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, oil) == 10);
        CheckoutResult sold = checkouts.checkout(world.kiosk1, byCard(h, line(oil, 1)));
        assertThrows(AccessDenied.class,
                () -> refunds.refund(world.leguoOperator, new CheckoutId(sold.checkoutId()), "x"));
        assertThrows(AccessDenied.class,
                () -> refunds.refund(world.kiosk1, new CheckoutId(sold.checkoutId()), "x"));
        clock.advance(Duration.ofDays(refunds.refundDays() + 1));
        try {
            KioskRefusal late = assertThrows(KioskRefusal.class,
                    () -> refunds.refund(world.operator, new CheckoutId(sold.checkoutId()), "x"));
            assertEquals("refund.too-late", late.code());
        } finally {
            clock.advance(Duration.ofDays(-(refunds.refundDays() + 1)));
        }
        Eventually.until("balance", () -> world.balance(h.householdId()) == 70);
    }

    @Test
    void aCheckoutLeftHalfWayByANodeThatDiedIsFinishedByTheRecoveryJob() {
        Household h = world.household(100);
        Product oil = world.product(world.hedongShop, "食用油", 30, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, oil) == 10);
        CheckoutRequest request = byCard(h, line(oil, 1));
        CheckoutResult done = checkouts.checkout(world.kiosk1, request);
        // as if the node had died after its steps but before writing the result down
        sql.update("UPDATE checkout SET status = 'STARTED', finished_at = NULL, balance_after = NULL "
                + "WHERE checkout_id = ?", request.requestId());

        assertTrue(halfFinished.finish(request.requestId()));

        assertEquals("COMPLETED", sql.single("SELECT status FROM checkout WHERE checkout_id = ?", request.requestId()));
        CheckoutResult retry = checkouts.checkout(world.kiosk1, request);
        assertEquals(done.receiptNo(), retry.receiptNo());
        assertEquals(70L, retry.balanceAfter());
        Eventually.until("balance", () -> world.balance(h.householdId()) == 70);
        assertFalse(halfFinished.finish(request.requestId()), "nothing left to finish");
    }
}
