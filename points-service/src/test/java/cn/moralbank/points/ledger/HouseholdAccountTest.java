package cn.moralbank.points.ledger;

import cn.moralbank.points.ledger.api.*;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.hasProperty;

class HouseholdAccountTest {
    private static final HouseholdId HH = new HouseholdId("hh-1");
    private static final EntryId DEED = new EntryId("deed-1");
    private static final EntryId SHOP = new EntryId("checkout-1");

    private AccountFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new AccountFixture();
    }

    private static PointsCredited credited(EntryId id, long points, long after) {
        return new PointsCredited(HH, id, points, "deed", "助人为乐", after);
    }

    @Test
    void anAccountOpensWithTheCountysBaseScore() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccountCommand(HH, 60))
                .expectEvents(new AccountOpened(HH, 60));
    }

    @Test
    void aNegativeBaseScoreIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccountCommand(HH, -1))
                .expectException(LedgerRefusal.class)
                .expectNoEvents();
    }

    @Test
    void aCreditAddsItsPointsToTheBalance() {
        fixture.given(new AccountOpened(HH, 60))
                .when(new CreditCommand(HH, DEED, 10, "deed", "助人为乐"))
                .expectEvents(credited(DEED, 10, 70))
                .expectResultMessagePayload(new EntryResult(DEED, EntryResult.Outcome.APPLIED, 10, 70, false));
    }

    @Test
    void theSameCreditTwiceIsCreditedOnceAndAnsweredTheSame() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 10, 10))
                .when(new CreditCommand(HH, DEED, 10, "deed", "助人为乐"))
                .expectNoEvents()
                .expectResultMessagePayload(new EntryResult(DEED, EntryResult.Outcome.APPLIED, 10, 10, true));
    }

    @Test
    void anEntryIdReusedWithAnotherAmountIsRefused() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 10, 10))
                .when(new CreditCommand(HH, DEED, 20, "deed", "助人为乐"))
                .expectException(LedgerRefusal.class)
                .expectExceptionMessage(Matchers.containsString("ledger.entry-id.reused"))
                .expectNoEvents();
    }

    @Test
    void anEntryIdReusedForAnotherKindIsRefused() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 10, 10))
                .when(new DebitCommand(HH, DEED, 10, "checkout", "兑换"))
                .expectException(LedgerRefusal.class)
                .expectNoEvents();
    }

    @Test
    void zeroNegativeAndAbsurdPointsAreRefused() {
        // refused by the value type when the command is made (Points), so no command reaches the account with them
        Assertions.assertThrows(LedgerRefusal.class,
                () -> new CreditCommand(HH, DEED, 0, "deed", "x"));
        Assertions.assertThrows(LedgerRefusal.class,
                () -> new PenaliseCommand(HH, DEED, -5, "deed", "x"));
        Assertions.assertThrows(LedgerRefusal.class,
                () -> new CreditCommand(HH, DEED, Points.MAX_PER_ENTRY + 1, "deed", "x"));
    }

    @Test
    void aDebitWithinTheBalanceIsApplied() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 30, 30))
                .when(new DebitCommand(HH, SHOP, 30, "checkout", "兑换 食用油"))
                .expectEvents(new PointsDebited(HH, SHOP, 30, "checkout", "兑换 食用油", 0));
    }

    @Test
    void aDebitThatWouldOverdrawIsRefusedAndNeverApplied() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 30, 30))
                .when(new DebitCommand(HH, SHOP, 31, "checkout", "兑换"))
                .expectEvents(new DebitRefused(HH, SHOP, 31, "checkout", 30))
                .expectResultMessagePayload(new EntryResult(SHOP, EntryResult.Outcome.REFUSED, 31, 30, false));
    }

    @Test
    void aRetriedRefusedDebitIsAnsweredWithTheSameRefusal() {
        fixture.given(new AccountOpened(HH, 0), new DebitRefused(HH, SHOP, 31, "checkout", 0),
                        credited(DEED, 100, 100))
                .when(new DebitCommand(HH, SHOP, 31, "checkout", "兑换"))
                .expectNoEvents()
                .expectResultMessagePayload(new EntryResult(SHOP, EntryResult.Outcome.REFUSED, 31, 0, true));
    }

    @Test
    void aPenaltyMayTakeTheBalanceBelowZero() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 5, 5))
                .when(new PenaliseCommand(HH, new EntryId("fight-1"), 20, "deed", "打架斗殴"))
                .expectEvents(new PointsPenalised(HH, new EntryId("fight-1"), 20, "deed", "打架斗殴", -15));
    }

    @Test
    void aNegativeBalanceBlocksEveryDebit() {
        fixture.given(new AccountOpened(HH, 0),
                        new PointsPenalised(HH, new EntryId("fight-1"), 20, "deed", "打架斗殴", -20))
                .when(new DebitCommand(HH, SHOP, 1, "checkout", "兑换"))
                .expectEvents(new DebitRefused(HH, SHOP, 1, "checkout", -20));
    }

    @Test
    void aReversalUndoesACreditByANewEntry() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 10, 10))
                .when(new ReverseCommand(HH, new EntryId("rev-1"), DEED, "评议撤销"))
                .expectEvents(new EntryReversed(HH, new EntryId("rev-1"), DEED, EntryKind.CREDIT, -10, "评议撤销", 0));
    }

    private static final EntryId CHECKOUT = new EntryId("checkout:c-1");
    private static final EntryId VOUCHER = new EntryId("voucher:V00000001");

    @Test
    void aCheckoutsDebitIsNotReversedByHand() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 50, 50),
                        new PointsDebited(HH, CHECKOUT, 25, "checkout", "兑换", 25))
                .when(new ReverseCommand(HH, new EntryId("by-hand-1"), CHECKOUT, "冲正"))
                .expectException(LedgerRefusal.class)
                .expectExceptionMessage(Matchers.containsString("ledger.reverse.process-entry"))
                .expectNoEvents();
    }

    @Test
    void aVouchersIssueIsNotReversedByHand() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 50, 50),
                        new PointsDebited(HH, VOUCHER, 20, "voucher:V00000001", "爱心积分券", 30))
                .when(new ReverseCommand(HH, new EntryId("by-hand-2"), VOUCHER, "冲正"))
                .expectException(LedgerRefusal.class)
                .expectExceptionMessage(Matchers.containsString("ledger.reverse.process-entry"))
                .expectNoEvents();
    }

    @Test
    void aVouchersIssueIsReversedByItsVoid() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 50, 50),
                        new PointsDebited(HH, VOUCHER, 20, "voucher:V00000001", "爱心积分券", 30))
                .when(new ReverseCommand(HH, new EntryId("voucher:V00000001:void"), VOUCHER, "作废"))
                .expectEvents(new EntryReversed(HH, new EntryId("voucher:V00000001:void"), VOUCHER, EntryKind.DEBIT,
                        20, "作废", 50));
    }

    @Test
    void aReversalOfADebitGivesThePointsBack() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 10, 10),
                        new PointsDebited(HH, SHOP, 4, "checkout", "兑换", 6))
                .when(new ReverseCommand(HH, new EntryId("refund-1"), SHOP, "退货"))
                .expectEvents(new EntryReversed(HH, new EntryId("refund-1"), SHOP, EntryKind.DEBIT, 4, "退货", 10));
    }

    @Test
    void anEntryIsReversedOnlyOnce() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 10, 10),
                        new EntryReversed(HH, new EntryId("rev-1"), DEED, EntryKind.CREDIT, -10, "评议撤销", 0))
                .when(new ReverseCommand(HH, new EntryId("rev-2"), DEED, "again"))
                .expectException(LedgerRefusal.class)
                .expectExceptionMessage(Matchers.containsString("ledger.reverse.already"))
                .expectNoEvents();
    }

    @Test
    void aRetriedReversalIsANoOp() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 10, 10),
                        new EntryReversed(HH, new EntryId("rev-1"), DEED, EntryKind.CREDIT, -10, "评议撤销", 0))
                .when(new ReverseCommand(HH, new EntryId("rev-1"), DEED, "评议撤销"))
                .expectNoEvents()
                .expectResultMessagePayload(new EntryResult(new EntryId("rev-1"), EntryResult.Outcome.APPLIED, 10, 0, true));
    }

    @Test
    void anUnknownOrRefusedEntryCannotBeReversed() {
        fixture.given(new AccountOpened(HH, 0))
                .when(new ReverseCommand(HH, new EntryId("rev-1"), new EntryId("nothing"), "x"))
                .expectException(LedgerRefusal.class).expectNoEvents();
        fixture.given(new AccountOpened(HH, 0), new DebitRefused(HH, SHOP, 5, "checkout", 0))
                .when(new ReverseCommand(HH, new EntryId("rev-1"), SHOP, "x"))
                .expectException(LedgerRefusal.class).expectNoEvents();
    }

    @Test
    void aReversalCannotItselfBeReversed() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 10, 10),
                        new EntryReversed(HH, new EntryId("rev-1"), DEED, EntryKind.CREDIT, -10, "x", 0))
                .when(new ReverseCommand(HH, new EntryId("rev-2"), new EntryId("rev-1"), "x"))
                .expectException(LedgerRefusal.class).expectNoEvents();
    }

    @Test
    void aBookedEntryIsRememberedOutsideTheAccountAndAReversalMarksWhatItUndid() {
        fixture.given(new AccountOpened(HH, 0), credited(DEED, 10, 10))
                .when(new ReverseCommand(HH, new EntryId("rev-1"), DEED, "评议撤销"))
                .expectSuccessfulHandlerExecution();
        Assertions.assertEquals(
                new RememberedEntry("rev-1", EntryKind.REVERSAL, 0, -10, "deed-1", null, 0, false),
                fixture.entries.find(HH, "rev-1").orElseThrow());
        Assertions.assertEquals("rev-1",
                fixture.entries.find(HH, "deed-1").orElseThrow().reversedBy());
    }

    @Test
    void aRefusedDebitIsRememberedAsRefused() {
        fixture.given(new AccountOpened(HH, 0))
                .when(new DebitCommand(HH, SHOP, 5, "checkout", "兑换"))
                .expectEvents(new DebitRefused(HH, SHOP, 5, "checkout", 0));
        Assertions.assertTrue(fixture.entries.find(HH, SHOP.value()).orElseThrow().refused());
    }

    /** The snapshot holds the balance, the closing and no entries: a ten-year account's is as small as a new one's. */
    @Test
    void theAccountsStateHoldsNoEntries() {
        var fields = Arrays.stream(HouseholdAccount.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName).sorted().toList();
        Assertions.assertEquals(
                List.of("balance", "closedBy", "householdId", "mergedInto"), fields);
    }
}
