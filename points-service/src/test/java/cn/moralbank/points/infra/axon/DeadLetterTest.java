package cn.moralbank.points.infra.axon;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.PointsCredited;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.ProjectionTokens;
import cn.moralbank.points.testing.Sql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A poison event cannot stop a projection (issue 13, item 2): the event a projection cannot handle is parked in Axon's
 * dead-letter queue, its household's later events wait behind it, every other household's view goes on; a retry once
 * the cause is gone handles them in order, an eviction drops the one that can never be handled.
 */
@MicronautTest(transactional = false)
class DeadLetterTest extends DatabaseTest {
    private static final String COUNTY = "/130826/";
    private static final Actor ADMIN = new Actor("hedong.admin", Role.VILLAGE_ADMIN, COUNTY + "5/", null, null);
    private static final Actor OFFICE = new Actor("wenmingban", Role.COUNTY_OFFICE, COUNTY, null, null);
    private static final Actor OTHER_COUNTY = new Actor("elsewhere", Role.COUNTY_OFFICE, "/999/", null, null);

    @Inject Ledger ledger;
    @Inject Configuration axon;
    @Inject DeadLetterQueues deadLetters;
    @Inject DataSource dataSource;
    private Sql sql;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("test.poison-probe", "true");
        return properties;
    }

    @BeforeAll
    void probeTable() {
        sql = new Sql(dataSource);
        sql.update("CREATE TABLE IF NOT EXISTS poison_probe (event_id varchar(60) primary key, "
                + "household_id varchar(40) not null, seq bigint not null, points bigint not null)");
    }

    @Test
    void aHandlerThatThrowsForOneHouseholdParksItsEventsAndTheOthersGoOn() {
        HouseholdId poisoned = HouseholdId.newId();
        PoisonProbeProjection.POISONED.add(poisoned.value());
        ledger.open(ADMIN, poisoned, 0);
        List<HouseholdId> others = households(8);
        ledger.credit(ADMIN, new CreditCommand(poisoned, new EntryId("p-1"), 5, "deed", "助人为乐"));
        for (HouseholdId other : others) {
            ledger.credit(ADMIN, new CreditCommand(other, new EntryId("o-1"), 3, "deed", "x"));
        }
        ledger.credit(ADMIN, new CreditCommand(poisoned, new EntryId("p-2"), 7, "deed", "助人为乐"));
        for (HouseholdId other : others) {
            ledger.credit(ADMIN, new CreditCommand(other, new EntryId("o-2"), 4, "deed", "x"));
        }

        until("every other household's view moved on", () -> others.stream().allMatch(o -> probe(o) == 7));
        until("the household's first credit parked", () -> parked(PoisonProbeProjection.NAME, poisoned) != null);
        DeadLetterView letter = parked(PoisonProbeProjection.NAME, poisoned);
        assertEquals("PointsCredited", letter.eventType());
        assertEquals(IllegalStateException.class.getName(), letter.errorClass());
        assertTrue(letter.errorMessage().contains("injected"), letter.errorMessage());
        until("its later credit waits behind it", () -> parked(PoisonProbeProjection.NAME, poisoned)
                .waitingBehind() == 1);
        assertEquals(letter.globalIndex(), sql.count("SELECT global_index FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 1", poisoned.value()));
        assertEquals(0, probe(poisoned), "nothing of the parked events is in the view: the write gathered before "
                + "the throw was rolled back with its event");
        ProjectionTokens tokens = new ProjectionTokens(dataSource, ProjectionProcessors.LIVE);
        long last = sql.count("SELECT max(global_index) FROM domain_event_entry");
        until("the poisoned household's segment went past its events", () -> tokens.positionFor(poisoned.value())
                >= last);
        assertEquals(12, ledger(poisoned), "other projections are not held up by this one's dead letter");

        // a later event of the household, while it is parked, waits too
        ledger.credit(ADMIN, new CreditCommand(poisoned, new EntryId("p-3"), 1, "deed", "x"));
        until("a third event waits", () -> parked(PoisonProbeProjection.NAME, poisoned).waitingBehind() == 2);

        assertThrows(AccessDenied.class, () -> deadLetters.retry(OTHER_COUNTY, letter.id()),
                "another county's office cannot touch it");
        assertTrue(deadLetters.list(OTHER_COUNTY).isEmpty(), "nor see it");
        DeadLetterQueues.Result failed = deadLetters.retry(OFFICE, letter.id());
        assertEquals(DeadLetterQueues.Outcome.FAILED, failed.outcome(), "the cause is still there");
        assertNotNull(parked(PoisonProbeProjection.NAME, poisoned));

        PoisonProbeProjection.POISONED.remove(poisoned.value());
        DeadLetterQueues.Result retried = deadLetters.retry(OFFICE, letter.id());
        assertEquals(DeadLetterQueues.Outcome.PROCESSED, retried.outcome(), retried.detail());
        assertNull(parked(PoisonProbeProjection.NAME, poisoned));
        assertEquals(13, probe(poisoned), "the three credits, handled in order");
        assertEquals("1,2,3", sql.single("SELECT string_agg(seq::text, ',' ORDER BY seq) FROM poison_probe "
                + "WHERE household_id = ?", poisoned.value()));
        ledger.credit(ADMIN, new CreditCommand(poisoned, new EntryId("p-4"), 2, "deed", "x"));
        until("the household is handled live again", () -> probe(poisoned) == 15);
        assertEquals(2, sql.count("SELECT count(*) FROM dead_letter_action WHERE action = 'RETRY' "
                + "AND actor_user = 'wenmingban' AND sequence_identifier = ?", poisoned.value()), "both retries audited");
        assertEquals(1, sql.count("SELECT count(*) FROM dead_letter_action WHERE outcome = 'PROCESSED' "
                + "AND sequence_identifier = ?", poisoned.value()));
    }

    /**
     * Axon's work package catches exceptions only: an Error that escaped a handler left its segment claimed and never
     * scheduled again, every household of the segment frozen (WorkerError).
     */
    @Test
    void anErrorRaisedByAHandlerIsParkedLikeAnExceptionAndTheSegmentGoesOn() {
        HouseholdId errored = HouseholdId.newId();
        PoisonProbeProjection.ERRORED.add(errored.value());
        ledger.open(ADMIN, errored, 0);
        List<HouseholdId> others = households(8);
        ledger.credit(ADMIN, new CreditCommand(errored, new EntryId("e-1"), 5, "deed", "x"));
        for (HouseholdId other : others) {
            ledger.credit(ADMIN, new CreditCommand(other, new EntryId("o-1"), 3, "deed", "x"));
        }
        until("the household's credit parked", () -> parked(PoisonProbeProjection.NAME, errored) != null);
        assertTrue(parked(PoisonProbeProjection.NAME, errored).errorMessage().contains("injected: an Error"));
        // events after the Error, on every segment (the errored household's too), still reach the view
        for (HouseholdId other : others) {
            ledger.credit(ADMIN, new CreditCommand(other, new EntryId("o-2"), 4, "deed", "x"));
        }
        until("every other household's view moved on after the Error", () -> others.stream()
                .allMatch(o -> probe(o) == 7));
        ProjectionTokens tokens = new ProjectionTokens(dataSource, ProjectionProcessors.LIVE);
        long last = sql.count("SELECT max(global_index) FROM domain_event_entry");
        until("the errored household's own segment went on past the Error", () -> tokens.positionFor(
                errored.value()) >= last);
        PoisonProbeProjection.ERRORED.remove(errored.value());
        DeadLetterView letter = parked(PoisonProbeProjection.NAME, errored);
        assertEquals(DeadLetterQueues.Outcome.PROCESSED, deadLetters.retry(OFFICE, letter.id()).outcome());
        assertEquals(5, probe(errored));
    }

    @Test
    void aDeferredWriteThatFailsAtCommitParksOnlyItsEventAndTheRestOfTheBatchCommits() {
        String processor = "ledger-passbook";
        HouseholdId poisoned = HouseholdId.newId();
        ledger.open(ADMIN, poisoned, 10);
        List<HouseholdId> others = households(12);
        until("the openings are on the passbook", () -> ledger(poisoned) == 10
                && others.stream().allMatch(o -> ledger(o) == 0));

        // the whole batch at once: the processor is stopped while the events are written
        PooledStreamingEventProcessor passbook = axon.eventProcessingConfiguration()
                .eventProcessor(ProjectionProcessors.LIVE, PooledStreamingEventProcessor.class).orElseThrow();
        passbook.shutDown();
        for (HouseholdId other : others) {
            ledger.credit(ADMIN, new CreditCommand(other, new EntryId("o-1"), 3, "deed", "x"));
        }
        // a credit whose text PostgreSQL refuses, appended straight to the event store (past command validation)
        String type = (String) sql.single("SELECT type FROM domain_event_entry WHERE aggregate_identifier = ?",
                poisoned.value());
        axon.eventStore().publish(new GenericDomainEventMessage<>(type, poisoned.value(), 1,
                new PointsCredited(poisoned, new EntryId("nul-1"), 5, "adj\u0000ust", "x", 15), ADMIN.metaData()));
        ledger.credit(ADMIN, new CreditCommand(poisoned, new EntryId("after"), 7, "deed", "x"));
        for (HouseholdId other : others) {
            ledger.credit(ADMIN, new CreditCommand(other, new EntryId("o-2"), 4, "deed", "x"));
        }
        passbook.start();

        until("the bad event parked", () -> parked(processor, poisoned) != null);
        until("every other household's passbook moved on", () -> others.stream().allMatch(o -> ledger(o) == 7));
        DeadLetterView letter = parked(processor, poisoned);
        assertEquals("org.postgresql.util.PSQLException", letter.errorClass());
        assertTrue(letter.errorMessage().contains("22021") && letter.errorMessage().contains("0x00"),
                letter.errorMessage());
        until("its household's next credit waits behind it", () -> parked(processor, poisoned).waitingBehind() == 1);
        assertEquals(10, ledger(poisoned), "neither parked event is on the balance");
        assertEquals(0, sql.count("SELECT count(*) FROM passbook_entry WHERE household_id = ? AND seq > 0",
                poisoned.value()));
        assertEquals(24, sql.count("SELECT count(*) FROM passbook_entry WHERE household_id = ANY(?) AND seq > 0",
                (Object) others.stream().map(HouseholdId::value).toArray(String[]::new)));

        DeadLetterQueues.Result evicted = deadLetters.evict(OFFICE, letter.id());
        assertEquals(DeadLetterQueues.Outcome.EVICTED, evicted.outcome());
        DeadLetterView next = parked(processor, poisoned);
        assertNotNull(next, "the later event stays parked until retried");
        assertEquals(DeadLetterQueues.Outcome.PROCESSED, deadLetters.retry(OFFICE, next.id()).outcome());
        assertEquals(22, ledger(poisoned), "the later credit is on the passbook with the balance the ledger holds");
        assertEquals(1, sql.count("SELECT count(*) FROM dead_letter_action WHERE action = 'EVICT' "
                + "AND event_identifier = ? AND actor_user = 'wenmingban'", letter.eventId()));
    }

    private List<HouseholdId> households(int count) {
        List<HouseholdId> households = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HouseholdId household = HouseholdId.newId();
            ledger.open(ADMIN, household, 0);
            households.add(household);
        }
        return households;
    }

    private DeadLetterView parked(String processor, HouseholdId household) {
        return deadLetters.list(OFFICE).stream()
                .filter(l -> l.processor().equals(processor) && l.aggregateId().equals(household.value()))
                .findFirst().orElse(null);
    }

    private long probe(HouseholdId household) {
        return sql.count("SELECT coalesce(sum(points), 0) FROM poison_probe WHERE household_id = ?", household.value());
    }

    private long ledger(HouseholdId household) {
        return sql.count("SELECT balance FROM account_balance WHERE household_id = ?", household.value());
    }

    private static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
