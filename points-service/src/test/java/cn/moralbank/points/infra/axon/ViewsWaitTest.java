package cn.moralbank.points.infra.axon;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Answers waiting for their views (read your writes, {@link ProjectionProgress}) must not take the connections the
 * projections need to commit what they wait for. Each waiter held a pooled connection for its whole wait: under 50
 * kiosks the waiters held the pool while the processors' work packages queued for a connection (thread dumps,
 * docs/performance.md), so the views fell further behind and every answer waited its full 2 s.
 */
@MicronautTest(transactional = false)
class ViewsWaitTest extends DatabaseTest {
    private static final Actor ADMIN = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/130826/", null, null);

    @Inject Ledger ledger;
    @Inject DataSource dataSource;
    @Inject Configuration axon;
    @Inject ProjectionProgress progress;

    @Test
    void waitersForTheViewsHoldNoConnectionWhileTheyWait() throws Exception {
        Sql sql = new Sql(dataSource);
        HikariDataSource pool = DelegatingDataSource.unwrapDataSource(dataSource).unwrap(HikariDataSource.class);
        int waiters = pool.getMaximumPoolSize();
        HouseholdId household = HouseholdId.newId();
        ledger.open(ADMIN, household, 10);
        Eventually.until("the opening", () -> balance(sql, household) == 10);

        ExecutorService threads = Executors.newFixedThreadPool(waiters);
        List<CompletableFuture<Boolean>> waits = new ArrayList<>();
        try (Connection holder = viewsHeldBack()) {
            ledger.credit(ADMIN, new CreditCommand(household, new EntryId("waited-for"), 5, "deed", "助人为乐"));
            DomainEventMessage<?> credit = axon.eventStore().readEvents(household.value()).asStream()
                    .reduce((a, b) -> b).orElseThrow();
            assertEquals(1, credit.getSequenceNumber());
            for (int i = 0; i < waiters; i++) {
                waits.add(CompletableFuture.supplyAsync(() -> progress.await(List.of(credit), Duration.ofSeconds(60)),
                        threads));
            }
            // as many waiters as the pool has connections, all still waiting: the pool must stay usable
            Eventually.until("most of the pool free while " + waiters + " answers wait", () -> {
                assertTrue(waits.stream().noneMatch(CompletableFuture::isDone), "nothing to wait for was readable");
                return pool.getHikariPoolMXBean().getActiveConnections() <= waiters / 2;
            });
            holder.commit();
        }
        for (CompletableFuture<Boolean> wait : waits) {
            assertTrue(wait.get(60, TimeUnit.SECONDS), "the view caught up within the wait");
        }
        threads.shutdown();
        assertEquals(15, balance(sql, household));
    }

    /**
     * A segment this node does not run (another node holds it, or nobody yet) is read from its token in the database:
     * here this node lets go of every segment for a few seconds while the credit is written and the answer waits.
     */
    @Test
    void aSegmentThisNodeDoesNotRunIsReadFromItsToken() throws Exception {
        Sql sql = new Sql(dataSource);
        HouseholdId household = opened(sql, 10);
        var live = live();
        Eventually.until("every segment claimed here", () -> live.processingStatus().size() == sql.count(
                "SELECT count(*) FROM token_entry WHERE processor_name = ?", live.getName()));
        // released for longer than any test runs, and claimed back by the test itself: a short release let a loaded
        // machine claim the first segment again before the last was released, and "none runs here" never came
        List<Integer> segments = List.copyOf(live.processingStatus().keySet());
        try {
            segments.forEach(segment -> live.releaseSegment(segment, 10, TimeUnit.MINUTES));
            // a work package leaves the processing status when its abort begins, but may still be handling a batch:
            // its claim is released only once it has stopped (a loaded machine once saw it handle the credit below)
            Eventually.until("no segment runs here", () -> live.processingStatus().isEmpty()
                    && sql.count("SELECT count(*) FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL",
                    live.getName()) == 0);
            ledger.credit(ADMIN, new CreditCommand(household, new EntryId("read-from-token"), 5, "deed", "助人为乐"));
            CompletableFuture<Boolean> wait = waiting(List.of(lastEvent(household)));
            Thread.sleep(300);
            // nothing has handled the credit while no segment runs: an answer now came too early
            assertFalse(wait.isDone(), "answered before any segment had the credit");
            segments.forEach(segment -> live.claimSegment(segment).join());
            assertTrue(wait.get(60, TimeUnit.SECONDS), "the view caught up within the wait");
        } finally {
            segments.forEach(segment -> live.claimSegment(segment).join());
        }
        assertEquals(15, balance(sql, household));
    }

    /**
     * Every event a request wrote is waited for, not only each aggregate's last: a merge's last event on the merged
     * account (closed) is handled by no view, but the points it moved out are. Before, the answer left at once, and the
     * merged household's page still showed its old balance (found by an attacker pass, session 16).
     */
    @Test
    void aMergeWaitsForThePointsItMovedOutThoughItsLastEventIsHandledByNoView() throws Exception {
        Sql sql = new Sql(dataSource);
        HouseholdId merged = opened(sql, 30);
        HouseholdId into = opened(sql, 10);
        CompletableFuture<Boolean> wait;
        try (Connection holder = viewsHeldBack()) {
            ledger.merge(ADMIN, "wait-" + merged.value(), merged, into, "合户");
            List<?> closing = axon.eventStore().readEvents(merged.value()).asStream()
                    .filter(e -> e.getSequenceNumber() > 0).toList();
            assertTrue(closing.size() >= 2, "the points moved out, then the account closed: " + closing);
            wait = waiting(closing);
            Thread.sleep(300);
            // the views cannot hold the merge while the older transaction is open
            assertFalse(wait.isDone(), "answered before the merged household's view had its points moved out");
            holder.commit();
        }
        assertTrue(wait.get(60, TimeUnit.SECONDS), "the view caught up within the wait");
        assertEquals(0, balance(sql, merged));
    }

    /** A processor that is not running here (being restarted) is read from its tokens: no answer claims the views. */
    @Test
    void aProcessorThatIsNotRunningIsWaitedForNotPassedOver() throws Exception {
        Sql sql = new Sql(dataSource);
        HouseholdId household = opened(sql, 10);
        var live = live();
        live.shutDown();
        CompletableFuture<Boolean> wait;
        try {
            ledger.credit(ADMIN, new CreditCommand(household, new EntryId("while-stopped"), 5, "deed", "助人为乐"));
            wait = waiting(List.of(lastEvent(household)));
            Thread.sleep(300);
            assertFalse(wait.isDone(), "answered while no processor ran");
        } finally {
            live.start();
        }
        assertTrue(wait.get(60, TimeUnit.SECONDS), "the view caught up once the processor ran again");
        assertEquals(15, balance(sql, household));
    }

    /**
     * A transaction with an id, left open: nothing committed after it is readable by the projections until it ends
     * (ADR 0007).
     */
    private Connection viewsHeldBack() throws SQLException {
        Connection holder = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        holder.setAutoCommit(false);
        holder.createStatement().execute("SELECT pg_current_xact_id()");
        return holder;
    }

    /** A new household's account, opened with these points and projected. */
    private HouseholdId opened(Sql sql, long points) {
        HouseholdId household = HouseholdId.newId();
        ledger.open(ADMIN, household, points);
        Eventually.until("the opening", () -> balance(sql, household) == points);
        return household;
    }

    private StreamingEventProcessor live() {
        return axon.eventProcessingConfiguration()
                .eventProcessor(ProjectionProcessors.LIVE, StreamingEventProcessor.class).orElseThrow();
    }

    private DomainEventMessage<?> lastEvent(HouseholdId household) {
        return axon.eventStore().readEvents(household.value()).asStream().reduce((a, b) -> b).orElseThrow();
    }

    /** An answer waiting for the views of these events, on a thread of its own. */
    private CompletableFuture<Boolean> waiting(List<?> events) {
        return CompletableFuture.supplyAsync(() -> progress.await(List.copyOf(events), Duration.ofSeconds(60)));
    }

    private static long balance(Sql sql, HouseholdId household) {
        Object balance = sql.single("SELECT balance FROM account_balance WHERE household_id = ?", household.value());
        return balance == null ? -1 : ((Number) balance).longValue();
    }
}
