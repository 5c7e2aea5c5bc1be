package cn.moralbank.points.infra.axon;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.Transactions;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Sql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Accounts stay in memory between commands, and the store decides: a cached account that is behind the event store
 * (another node appended) or ahead of it (a commit was lost after the copy took its event) is loaded again, so the
 * next command sees exactly what is stored.
 */
@MicronautTest(transactional = false)
class CheckedAggregateCacheTest extends DatabaseTest {
    private static final Actor ADMIN = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/130826/", null, null);

    @Inject Ledger ledger;
    @Inject Configuration axon;
    @Inject DataSource dataSource;
    @Inject Transactions transactions;

    @Test
    void anEntryAnotherNodeBookedCountsInTheNextCommandHere() {
        HouseholdId household = HouseholdId.newId();
        ledger.open(ADMIN, household, 0);
        ledger.credit(ADMIN, new CreditCommand(household, new EntryId("here-1"), 10, "deed", "助人为乐"));

        // another node credits 50 behind this node's cached copy (sequence 2)
        axon.getComponent(EventStorageEngine.class).appendEvents(new GenericDomainEventMessage<>(
                "HouseholdAccount", household.value(), 2,
                new PointsCredited(household, new EntryId("there-1"), 50, "deed", "other node", 60)));

        EntryResult debit = ledger.debit(ADMIN, new DebitCommand(household, new EntryId("co-1"), 55, "checkout", "兑换"));
        assertTrue(debit.applied(), "the other node's 50 points count");
        assertEquals(5, debit.balanceAfter());
        assertEquals(List.of(0L, 1L, 2L, 3L), sequences(household));
    }

    /**
     * A command sent inside a caller's transaction (a merge, an import) that then rolls back: Axon's own unit of work
     * had committed and cached the account with the event the rollback took away. Once another node appended as many
     * events, the versions matched and that copy was used: here a debit of 50 against 15 points stored would have
     * been applied against the 110 the rolled-back copy held (found by an attacker pass, session 16).
     */
    @Test
    void anAccountCachedInsideATransactionThatRolledBackIsForgotten() {
        HouseholdId household = HouseholdId.newId();
        ledger.open(ADMIN, household, 0);
        ledger.credit(ADMIN, new CreditCommand(household, new EntryId("kept-10"), 10, "deed", "助人为乐"));
        assertThrows(IllegalStateException.class, () -> transactions.write(() -> {
            ledger.credit(ADMIN, new CreditCommand(household, new EntryId("rolled-back"), 100, "deed", "助人为乐"));
            throw new IllegalStateException("the caller's next step fails");
        }));
        assertEquals(List.of(0L, 1L), sequences(household), "the rollback took the credit away");

        // another node credits 5 at the sequence number the rolled-back credit had
        axon.getComponent(EventStorageEngine.class).appendEvents(new GenericDomainEventMessage<>(
                "HouseholdAccount", household.value(), 2,
                new PointsCredited(household, new EntryId("there-5"), 5, "deed", "other node", 15)));

        EntryResult debit = ledger.debit(ADMIN, new DebitCommand(household, new EntryId("co-50"), 50, "checkout", "兑换"));
        assertFalse(debit.applied(), "15 points stored cannot pay 50");
        assertEquals(15, debit.balanceAfter());
    }

    @Test
    void aCachedEventTheStoreNeverKeptIsForgotten() {
        HouseholdId household = HouseholdId.newId();
        ledger.open(ADMIN, household, 0);
        ledger.credit(ADMIN, new CreditCommand(household, new EntryId("kept"), 10, "deed", "助人为乐"));
        ledger.credit(ADMIN, new CreditCommand(household, new EntryId("lost"), 20, "deed", "助人为乐"));

        // the store loses the last event after the cached copy took it (as a commit lost with a cut connection)
        Sql sql = new Sql(dataSource);
        sql.update("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_append_only");
        try {
            sql.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 2",
                    household.value());
        } finally {
            sql.update("ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_append_only");
        }

        EntryResult debit = ledger.debit(ADMIN, new DebitCommand(household, new EntryId("co-1"), 25, "checkout", "兑换"));
        assertFalse(debit.applied(), "only the 10 points the store kept are there");
        assertEquals(10, debit.balanceAfter());
        assertEquals(List.of(0L, 1L, 2L), sequences(household), "no hole where the lost event was");
    }

    private List<Long> sequences(HouseholdId household) {
        String listed = (String) new Sql(dataSource).single("SELECT string_agg(sequence_number::text, ',' "
                + "ORDER BY sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?", household.value());
        return Arrays.stream(listed.split(",")).map(Long::valueOf).toList();
    }
}
