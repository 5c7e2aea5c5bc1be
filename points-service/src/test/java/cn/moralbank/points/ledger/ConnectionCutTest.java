package cn.moralbank.points.ledger;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.infra.axon.ProjectionReplay;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.LedgerInvariants;
import cn.moralbank.points.testing.TcpProxy;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Fault injection c, short: every database connection of the application passes through a TCP proxy, and all of
 * them are cut twice while four threads credit and debit six households. An operation that answered is in the
 * event store exactly once; one that failed is retried with the same entry id once the network is back and then
 * answers; no debit overdraws; the projection catches up by itself and equals a rebuilt one. ops/faults.sh runs the
 * long version of this and the other faults against the whole application.
 */
@MicronautTest(transactional = false)
class ConnectionCutTest extends DatabaseTest {
    private static final Actor ADMIN = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/130826/", null, null);
    /** Left open until the JVM ends: Micronaut closes the pool after a test class's own clean-up. */
    private static TcpProxy proxy;
    private Map<String, String> properties;

    @Inject Ledger ledger;
    @Inject ProjectionReplay replay;
    @Inject DataSource dataSource;
    @Inject Configuration axon;

    @Override
    public synchronized Map<String, String> getProperties() {
        if (properties != null) {
            return properties;
        }
        Map<String, String> props = new HashMap<>(super.getProperties());
        URI db = URI.create(props.get("datasources.default.url").substring("jdbc:".length()));
        try {
            proxy = new TcpProxy(db.getHost(), db.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put("datasources.default.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + db.getRawPath()
                + (db.getRawQuery() == null ? "" : "?" + db.getRawQuery()));
        props.put("datasources.default.connection-timeout", "10000");
        properties = props;
        return props;
    }

    @Test
    void cuttingEveryConnectionMidLoadLosesAndDoublesNothing() throws Exception {
        List<HouseholdId> households = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HouseholdId h = HouseholdId.newId();
            ledger.open(ADMIN, h, 50);
            households.add(h);
        }
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Map<String, String> refused = new ConcurrentHashMap<>();
        Map<String, Runnable> unknown = new ConcurrentHashMap<>();
        Map<String, String> unknownHousehold = new ConcurrentHashMap<>();
        AtomicInteger tried = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(7);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            load.add(threads.submit(() -> {
                Random random = new Random(thread);
                for (int n = 0; System.nanoTime() < end; n++) {
                    HouseholdId h = households.get(random.nextInt(households.size()));
                    String id = "cut-" + thread + "-" + n;
                    boolean debit = random.nextInt(3) == 0;
                    long points = debit ? 1 + random.nextInt(20) : 1 + random.nextInt(5);
                    Runnable op = () -> {
                        EntryResult result = debit
                                ? ledger.debit(ADMIN, new DebitCommand(h, new EntryId(id), points, "checkout", "兑换"))
                                : ledger.credit(ADMIN, new CreditCommand(h, new EntryId(id), points, "deed", "助人为乐"));
                        (result.applied() ? acknowledged : refused).put(id, h.value());
                    };
                    tried.incrementAndGet();
                    try {
                        op.run();
                    } catch (RuntimeException | AssertionError fault) {
                        // (the driver's own assertion fires on a cut connection when tests run with -ea)
                        unknown.put(id, op);
                        unknownHousehold.put(id, h.value());
                    }
                }
            }));
        }
        Thread.sleep(2500);
        int firstCut = proxy.cutAll();
        Thread.sleep(2000);
        int secondCut = proxy.cutAll();
        for (Future<?> f : load) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (TimeoutException stuck) {
                Thread.getAllStackTraces().forEach((t, stack) -> System.out.println(t.getName() + "\n  at "
                        + String.join("\n  at ", Arrays.stream(stack).map(Object::toString).toList())));
                throw new AssertionError("a load thread is stuck after the cut (stacks printed)", stuck);
            }
        }
        threads.shutdown();
        System.out.printf("connection cut: %d operations tried, %d applied, %d refused, %d failed; cut %d then %d "
                + "connections%n", tried.get(), acknowledged.size(), refused.size(), unknown.size(), firstCut, secondCut);
        assertTrue(firstCut > 0 && secondCut > 0, "connections were open to cut");
        assertTrue(acknowledged.size() > 20, "the load went on around the cuts: " + acknowledged.size());

        LedgerInvariants invariants = new LedgerInvariants(
                () -> DelegatingDataSource.unwrapDataSource(dataSource).getConnection());
        assertEquals(List.of(), invariants.atMostOnce(unknownHousehold), "a failed operation took effect twice");
        // the caller retries what failed, with the same entry id: now it answers, and still takes effect once
        unknown.values().forEach(Runnable::run);
        assertEquals(List.of(), invariants.acknowledgedOnce(acknowledged));
        assertEquals(List.of(), invariants.refusedNever(refused));
        assertEquals(List.of(), invariants.noOverdraft());
        assertEquals(List.of(), invariants.sequencesWithoutHoles());
        // a segment that failed on a cut connection is retried after Axon's backoff, which doubles per failure up to
        // 60 s (Coordinator.advanceReleaseDeadlineFor): a wait of one minute could end before the retry that succeeds
        // on a loaded machine, so this waits three
        try {
            Eventually.until("the projection caught up after the cuts", Duration.ofMinutes(3), () -> {
                try {
                    return invariants.caughtUp();
                } catch (SQLException e) {
                    return false;
                }
            });
        } catch (AssertionError stuck) {
            System.out.println("projection not caught up: " + invariants.progress());
            axon.eventProcessingConfiguration().eventProcessors().forEach((name, p) -> {
                if (p instanceof PooledStreamingEventProcessor pooled) {
                    System.out.println("processor " + name + " running " + pooled.isRunning() + " error "
                            + pooled.isError() + " status " + pooled.processingStatus());
                }
            });
            Thread.getAllStackTraces().forEach((t, stack) -> System.out.println(t.getName() + " " + t.getState()
                    + "\n  at " + String.join("\n  at ", Arrays.stream(stack).map(Object::toString).toList())));
            throw stuck;
        }
        assertEquals(List.of(), invariants.readModelEqualsEvents());
        List<String> live = invariants.passbookAndBalances();
        assertEquals(0, replay.replay("ledger-passbook", new PrintStream(new ByteArrayOutputStream())));
        assertEquals(live, invariants.passbookAndBalances(), "the live projection equals a rebuilt one");
    }
}
