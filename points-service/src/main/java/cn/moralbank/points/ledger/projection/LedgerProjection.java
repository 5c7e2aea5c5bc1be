package cn.moralbank.points.ledger.projection;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BatchedStatements;
import cn.moralbank.points.common.PerBatch;
import cn.moralbank.points.common.Projection;
import cn.moralbank.points.common.ViewTables;
import cn.moralbank.points.ledger.api.*;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;

import java.time.Instant;

/**
 * Balances and passbooks from the household ledger's events. Each event writes one passbook line keyed by the
 * event's id, in the same transaction as the processor's token: replayed or retried, it lands exactly once.
 * A batch's lines are sent together and its balance changes summed per household when the batch commits
 * ({@link BalanceChanges}): a rebuild hands a projection a thousand events at a time.
 */
@Singleton
@ProcessingGroup(LedgerProjection.NAME)
class LedgerProjection implements Projection {
    static final String NAME = "ledger-passbook";

    private static final String BALANCES = LedgerProjection.class.getName() + ".balances";
    private static final String INSERT_LINE = """
            INSERT INTO passbook_entry (event_id, household_id, seq, entry_id, kind, points, balance_after, reason,
              source, recorded_by, recorded_role, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final AccountBalanceRepository balances;
    private final PassbookRepository passbook;
    private final BatchedStatements statements;
    private final PerBatch perBatch;
    private final ViewTables tables;

    LedgerProjection(AccountBalanceRepository balances, PassbookRepository passbook, BatchedStatements statements,
                     PerBatch perBatch, ViewTables tables) {
        this.perBatch = perBatch;
        this.tables = tables;
        this.balances = balances;
        this.passbook = passbook;
        this.statements = statements;
    }

    @EventHandler
    void on(AccountOpened event, @MessageIdentifier String eventId, @SequenceNumber long seq,
            @Timestamp Instant at, @MetaDataValue(Actor.META_USER) String user,
            @MetaDataValue(Actor.META_ROLE) String role) {
        balance(event.householdId(), event.baseScore(), event.baseScore(), 0, 0, 0, 0, at);
        if (event.baseScore() > 0) {
            line(eventId, event.householdId(), seq, new EntryId("opening"), EntryKind.OPENING, event.baseScore(),
                    event.baseScore(), "", "", user, role, at);
        }
    }

    @EventHandler
    void on(PointsCredited e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(Actor.META_USER) String user, @MetaDataValue(Actor.META_ROLE) String role) {
        balance(e.householdId(), e.balanceAfter(), e.points(), 0, 0, 0, 1, at);
        line(eventId, e.householdId(), seq, e.entryId(), EntryKind.CREDIT, e.points(), e.balanceAfter(), e.reason(),
                e.source(), user, role, at);
    }

    @EventHandler
    void on(PointsPenalised e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(Actor.META_USER) String user, @MetaDataValue(Actor.META_ROLE) String role) {
        balance(e.householdId(), e.balanceAfter(), 0, e.points(), 0, 0, 1, at);
        line(eventId, e.householdId(), seq, e.entryId(), EntryKind.PENALTY, -e.points(), e.balanceAfter(),
                e.reason(), e.source(), user, role, at);
    }

    @EventHandler
    void on(PointsDebited e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(Actor.META_USER) String user, @MetaDataValue(Actor.META_ROLE) String role) {
        balance(e.householdId(), e.balanceAfter(), 0, 0, e.points(), 0, 1, at);
        line(eventId, e.householdId(), seq, e.entryId(), EntryKind.DEBIT, -e.points(), e.balanceAfter(), e.reason(),
                e.source(), user, role, at);
    }

    @EventHandler
    void on(EntryReversed e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(Actor.META_USER) String user, @MetaDataValue(Actor.META_ROLE) String role) {
        balance(e.householdId(), e.balanceAfter(), 0, 0, 0, e.points(), 1, at);
        line(eventId, e.householdId(), seq, e.reversalId(), EntryKind.REVERSAL, e.points(), e.balanceAfter(),
                e.reason(), e.originalEntryId().value(), user, role, at);
    }

    /** 期初积分 counts as credited, so balance = credited - penalised - debited + reversed still holds. */
    @EventHandler
    void on(BalanceCarriedOver e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(Actor.META_USER) String user, @MetaDataValue(Actor.META_ROLE) String role) {
        balance(e.householdId(), e.balanceAfter(), e.points(), 0, 0, 0, 1, at);
        line(eventId, e.householdId(), seq, e.entryId(), EntryKind.CARRIED_OVER, e.points(), e.balanceAfter(),
                e.reason(), e.passbookNumber(), user, role, at);
    }

    /** A transfer out counts as debited, a transfer in as credited; the line's source names the other household. */
    @EventHandler
    void on(PointsTransferredOut e, @MessageIdentifier String eventId, @SequenceNumber long seq,
            @Timestamp Instant at, @MetaDataValue(Actor.META_USER) String user,
            @MetaDataValue(Actor.META_ROLE) String role) {
        balance(e.householdId(), e.balanceAfter(), 0, 0, e.points(), 0, 1, at);
        line(eventId, e.householdId(), seq, e.entryId(), EntryKind.TRANSFER_OUT, -e.points(), e.balanceAfter(),
                e.reason(), e.to().value(), user, role, at);
    }

    @EventHandler
    void on(PointsTransferredIn e, @MessageIdentifier String eventId, @SequenceNumber long seq,
            @Timestamp Instant at, @MetaDataValue(Actor.META_USER) String user,
            @MetaDataValue(Actor.META_ROLE) String role) {
        balance(e.householdId(), e.balanceAfter(), e.points(), 0, 0, 0, 1, at);
        line(eventId, e.householdId(), seq, e.entryId(), EntryKind.TRANSFER_IN, e.points(), e.balanceAfter(),
                e.reason(), e.from().value(), user, role, at);
    }

    @ResetHandler
    void reset() {
        tables.empty("passbook_entry", "account_balance");
    }

    private void line(String eventId, HouseholdId household, long seq, EntryId entry, EntryKind kind, long points,
                      long balanceAfter, String reason, String source, String user, String role, Instant at) {
        statements.add(NAME, household.value(), INSERT_LINE, eventId, household.value(), seq, entry.value(), kind,
                points, balanceAfter, nz(reason), nz(source), nz(user), nz(role), at);
    }

    private void balance(HouseholdId household, long balanceAfter, long credited, long penalised, long debited,
                         long reversed, int entries, Instant at) {
        perBatch.change(BALANCES, BalanceChanges::new,
                changes -> statements.sendNow(BalanceChanges.UPSERT, changes.rows()),
                changes -> changes.record(household.value(), balanceAfter, credited, penalised, debited, reversed,
                        entries, at));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
