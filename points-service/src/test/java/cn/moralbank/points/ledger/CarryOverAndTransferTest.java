package cn.moralbank.points.ledger;

import cn.moralbank.points.ledger.api.*;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.hamcrest.Matchers.containsString;

/** Given/when/then for the go-live commands: opening balances from paper, transfers, merging an account away. */
class CarryOverAndTransferTest {
    private static final HouseholdId HH = new HouseholdId("hh-1");
    private static final HouseholdId OTHER = new HouseholdId("hh-2");
    private static final EntryId PAPER = new EntryId("carry:hh-1:abc");
    private static final EntryId DEED = new EntryId("deed-1");
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
    private static final String REASON = "期初积分（纸质存折结转）";

    private AccountFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new AccountFixture();
    }

    private static CarryOverBalanceCommand carry(long points) {
        return new CarryOverBalanceCommand(HH, PAPER, points, "FN-0001", AS_OF, REASON);
    }

    private static BalanceCarriedOver carried(long points, long after) {
        return new BalanceCarriedOver(HH, PAPER, points, "FN-0001", AS_OF, REASON, after);
    }

    @Test
    void thePaperPassbooksBalanceIsCarriedOverOnTopOfTheBaseScore() {
        fixture.given(new AccountOpened(HH, 60))
                .when(carry(845))
                .expectEvents(carried(845, 905))
                .expectResultMessagePayload(new EntryResult(PAPER, EntryResult.Outcome.APPLIED, 845, 905, false));
    }

    @Test
    void theSameOpeningBalanceImportedTwiceIsBookedOnce() {
        fixture.given(new AccountOpened(HH, 0), carried(845, 845))
                .when(carry(845))
                .expectNoEvents()
                .expectResultMessagePayload(new EntryResult(PAPER, EntryResult.Outcome.APPLIED, 845, 845, true));
    }

    @Test
    void anOpeningBalanceIsRefusedOnceTheAccountHasEntries() {
        fixture.given(new AccountOpened(HH, 0),
                        new PointsCredited(HH, DEED, 10, "deed", "助人为乐", 10))
                .when(carry(845))
                .expectException(LedgerRefusal.class)
                .expectExceptionMessage(containsString("ledger.carry-over.has-entries"))
                .expectNoEvents();
    }

    @Test
    void aReversedOpeningBalanceMayBeCarriedOverAgainCorrected() {
        EntryId corrected = new EntryId("carry:hh-1:def");
        fixture.given(new AccountOpened(HH, 0), carried(845, 845),
                        new EntryReversed(HH, new EntryId("fix-1"), PAPER, EntryKind.CARRIED_OVER, -845, "抄错", 0))
                .when(new CarryOverBalanceCommand(HH, corrected, 548, "FN-0001", AS_OF, REASON))
                .expectEvents(new BalanceCarriedOver(HH, corrected, 548, "FN-0001", AS_OF, REASON, 548));
    }

    @Test
    void aTransferOutNeverTakesTheBalanceBelowZero() {
        fixture.given(new AccountOpened(HH, 30))
                .when(new TransferOutCommand(HH, new EntryId("transfer:t1:out"), 31, OTHER, "分户"))
                .expectException(LedgerRefusal.class)
                .expectExceptionMessage(containsString("ledger.transfer.more-than-balance"))
                .expectNoEvents();
    }

    @Test
    void aTransferOutLeavesWithTheOtherHouseholdNamed() {
        EntryId out = new EntryId("transfer:t1:out");
        fixture.given(new AccountOpened(HH, 30))
                .when(new TransferOutCommand(HH, out, 20, OTHER, "分户"))
                .expectEvents(new PointsTransferredOut(HH, out, 20, OTHER, "分户", 10));
    }

    @Test
    void aTransferInAddsToTheBalanceOnce() {
        EntryId in = new EntryId("transfer:t1:in");
        fixture.given(new AccountOpened(HH, 5), new PointsTransferredIn(HH, in, 20, OTHER, "合户", 25))
                .when(new TransferInCommand(HH, in, 20, OTHER, "合户"))
                .expectNoEvents()
                .expectResultMessagePayload(new EntryResult(in, EntryResult.Outcome.APPLIED, 20, 25, true));
    }

    @Test
    void aMergedAccountSendsItsWholeBalanceAndCloses() {
        EntryId out = new EntryId("transfer:m1:out");
        fixture.given(new AccountOpened(HH, 30))
                .when(new CloseAccountCommand(HH, out, OTHER, "合户"))
                .expectEvents(new PointsTransferredOut(HH, out, 30, OTHER, "合户", 0),
                        new AccountClosed(HH, out, OTHER, "合户"))
                .expectResultMessagePayload(new EntryResult(out, EntryResult.Outcome.APPLIED, 30, 0, false));
    }

    @Test
    void aRetriedMergeIsAnsweredAsTheFirst() {
        EntryId out = new EntryId("transfer:m1:out");
        fixture.given(new AccountOpened(HH, 30), new PointsTransferredOut(HH, out, 30, OTHER, "合户", 0),
                        new AccountClosed(HH, out, OTHER, "合户"))
                .when(new CloseAccountCommand(HH, out, OTHER, "合户"))
                .expectNoEvents()
                .expectResultMessagePayload(new EntryResult(out, EntryResult.Outcome.APPLIED, 30, 0, true));
    }

    @Test
    void theSameMergeTowardsAnotherHouseholdIsRefusedNotRepeated() {
        // the merge's id is the household's own (merge-<id>): sent again towards a third household it is no retry,
        // and answering it as one made the caller credit the balance a second time, to the third
        EntryId out = new EntryId("transfer:m1:out");
        fixture.given(new AccountOpened(HH, 30), new PointsTransferredOut(HH, out, 30, OTHER, "合户", 0),
                        new AccountClosed(HH, out, OTHER, "合户"))
                .when(new CloseAccountCommand(HH, out, new HouseholdId("hh-3"), "合户"))
                .expectException(LedgerRefusal.class)
                .expectExceptionMessage(containsString("ledger.account.closed"))
                .expectNoEvents();
    }

    @Test
    void aHouseholdInDebtCannotBeMergedAway() {
        fixture.given(new AccountOpened(HH, 0), new PointsPenalised(HH, DEED, 5, "deed", "乱倒垃圾", -5))
                .when(new CloseAccountCommand(HH, new EntryId("transfer:m1:out"), OTHER, "合户"))
                .expectException(LedgerRefusal.class)
                .expectExceptionMessage(containsString("ledger.merge.negative-balance"))
                .expectNoEvents();
    }

    @Test
    void anOpenAccountAnswersItsBalanceAndBooksNothing() {
        fixture.given(new AccountOpened(HH, 5), new PointsCredited(HH, DEED, 20, "deed", "助人为乐", 25))
                .when(new RequireOpenCommand(HH))
                .expectNoEvents()
                .expectResultMessagePayload(25L);
    }

    @Test
    void aClosedAccountIsRefusedWhenAskedForItsBalance() {
        fixture.given(new AccountOpened(HH, 0), new AccountClosed(HH, new EntryId("transfer:m1:out"), OTHER, "合户"))
                .when(new RequireOpenCommand(HH))
                .expectException(LedgerRefusal.class)
                .expectExceptionMessage(containsString("ledger.account.closed"));
    }

    @Test
    void aClosedAccountTakesNoMoreEntries() {
        EntryId out = new EntryId("transfer:m1:out");
        fixture.given(new AccountOpened(HH, 0), new AccountClosed(HH, out, OTHER, "合户"))
                .when(new CreditCommand(HH, DEED, 10, "deed", "助人为乐"))
                .expectException(LedgerRefusal.class)
                .expectExceptionMessage(containsString("ledger.account.closed"))
                .expectNoEvents();
    }

    @Test
    void anAccountCannotTransferToItself() {
        fixture.given(new AccountOpened(HH, 30))
                .when(new TransferOutCommand(HH, new EntryId("transfer:t1:out"), 5, HH, "分户"))
                .expectException(LedgerRefusal.class)
                .expectNoEvents();
    }
}
