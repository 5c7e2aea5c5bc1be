package cn.moralbank.points.ledger;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.points.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Two nodes on one database book the same entry id for one account at the same moment: one books it, the other
 * answers as a repeat (its insert into ledger_entry, or its append, lost the race and the gateway retried it). Two
 * different entry ids at the same moment are both booked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesBookOnceTest {
    private static final Actor ADMIN = new Actor("model", Role.VILLAGE_ADMIN, "/model/", null, null);
    private ApplicationContext a;
    private ApplicationContext b;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @BeforeAll
    void start() {
        Map<String, Object> props = TestDatabase.freshDatabaseProperties();
        a = ApplicationContext.builder().environments("test").properties(props).start();
        b = ApplicationContext.builder().environments("test").properties(props).start();
    }

    @AfterAll
    void stop() {
        pool.shutdownNow();
        b.close();
        a.close();
    }

    @Test
    void theSameEntryIdAtTheSameMomentOnTwoNodesIsBookedOnce() throws Exception {
        Sql sql = new Sql(a.getBean(DataSource.class));
        for (int round = 0; round < 20; round++) {
            HouseholdId hh = HouseholdId.newId();
            a.getBean(Ledger.class).open(ADMIN, hh, 0);
            b.getBean(Ledger.class).balance(ADMIN, hh);
            List<EntryResult> results = race(new CreditCommand(hh, new EntryId("deed-1"), 10, "deed", "助人为乐"),
                    new CreditCommand(hh, new EntryId("deed-1"), 10, "deed", "助人为乐"));
            assertEquals(1, results.stream().filter(r -> !r.repeated()).count(), "booked once: " + results);
            assertTrue(results.stream().allMatch(r -> r.applied() && r.balanceAfter() == 10), results.toString());
            assertEquals(1, sql.count("SELECT count(*) FROM ledger_entry WHERE household_id = ?", hh.value()));
            assertEquals(2, sql.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                    hh.value()));
        }
    }

    @Test
    void twoEntryIdsAtTheSameMomentOnTwoNodesAreBothBooked() throws Exception {
        Sql sql = new Sql(a.getBean(DataSource.class));
        for (int round = 0; round < 20; round++) {
            HouseholdId hh = HouseholdId.newId();
            a.getBean(Ledger.class).open(ADMIN, hh, 0);
            b.getBean(Ledger.class).balance(ADMIN, hh);
            List<EntryResult> results = race(new CreditCommand(hh, new EntryId("deed-1"), 10, "deed", "x"),
                    new CreditCommand(hh, new EntryId("deed-2"), 5, "deed", "x"));
            assertTrue(results.stream().noneMatch(EntryResult::repeated), results.toString());
            assertEquals(15, Math.max(results.get(0).balanceAfter(), results.get(1).balanceAfter()));
            assertEquals(2, sql.count("SELECT count(*) FROM ledger_entry WHERE household_id = ?", hh.value()));
        }
    }

    /** The first command on node A and the second on node B, let go together. */
    private List<EntryResult> race(CreditCommand onA, CreditCommand onB) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Future<EntryResult> first = pool.submit(() -> {
            go.await();
            return a.getBean(Ledger.class).credit(ADMIN, onA);
        });
        Future<EntryResult> second = pool.submit(() -> {
            go.await();
            return b.getBean(Ledger.class).credit(ADMIN, onB);
        });
        go.countDown();
        return List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
    }
}
