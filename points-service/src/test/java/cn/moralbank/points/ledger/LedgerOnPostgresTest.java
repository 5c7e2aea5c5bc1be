package cn.moralbank.points.ledger;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.ledger.projection.PassbookLine;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import javax.sql.DataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

@MicronautTest(transactional = false)
class LedgerOnPostgresTest extends DatabaseTest {
    private static final Actor ADMIN = new Actor("hedong-admin", Role.VILLAGE_ADMIN, "/130826/", null, null);

    @Inject Ledger ledger;
    @Inject Passbooks passbooks;
    @Inject DataSource dataSource;

    @Test
    void creditsAndDebitsReachTheEventStoreAndThePassbookWithWhoRecordedThem() {
        HouseholdId hh = HouseholdId.newId();
        ledger.open(ADMIN, hh, 60);
        ledger.credit(ADMIN, new CreditCommand(hh, new EntryId("deed-1"), 10, "deed:1", "助人为乐"));
        EntryResult debit = ledger.debit(ADMIN, new DebitCommand(hh, new EntryId("co-1"), 25, "checkout:1", "兑换"));
        assertEquals(45, debit.balanceAfter());

        Eventually.until("passbook", () -> passbooks.passbook(hh, 0, 10).getTotalSize() == 3);
        List<PassbookLine> lines = passbooks.passbook(hh, 0, 10).getContent();
        assertEquals(List.of(EntryKind.DEBIT, EntryKind.CREDIT, EntryKind.OPENING),
                lines.stream().map(PassbookLine::kind).toList());
        assertEquals(List.of(45L, 70L, 60L), lines.stream().map(PassbookLine::balanceAfter).toList());
        assertEquals("hedong-admin", lines.get(0).recordedBy());
        assertEquals("VILLAGE_ADMIN", lines.get(0).recordedRole());
        assertEquals(45, passbooks.balance(hh).orElseThrow().balance());

        String meta = (String) new Sql(dataSource).single("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1", hh.value());
        assertTrue(meta.contains("\"actorRegion\":\"/130826/\""), meta);
    }

    @Test
    void manyConcurrentDebitsNeverOverdrawAndEachAcceptedDebitIsBookedOnce() throws Exception {
        HouseholdId hh = HouseholdId.newId();
        ledger.open(ADMIN, hh, 0);
        ledger.credit(ADMIN, new CreditCommand(hh, new EntryId("seed"), 300, "adjustment", "初始"));

        int attempts = 200;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger accepted = new AtomicInteger();
        List<Future<EntryResult>> results = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < attempts; i++) {
            // every second request is a retry of the one before: retries must not debit again
            EntryId id = new EntryId("co-" + (i / 2));
            results.add(pool.submit(() -> {
                start.await();
                return ledger.debit(ADMIN, new DebitCommand(hh, id, 7, "checkout", "兑换"));
            }));
        }
        start.countDown();
        for (Future<EntryResult> f : results) {
            EntryResult r = f.get(60, TimeUnit.SECONDS);
            assertTrue(r.balanceAfter() >= 0, "balance after " + r.balanceAfter());
            if (r.applied() && !r.repeated()) {
                accepted.incrementAndGet();
            }
        }
        pool.shutdown();
        assertEquals(300 / 7, accepted.get(), "debits accepted");
        long expected = 300 - 7L * accepted.get();
        Eventually.until("balance", () -> passbooks.balance(hh).map(b -> b.balance()).orElse(-1L) == expected);
        long debitLines = new Sql(dataSource).count(
                "SELECT count(*) FROM passbook_entry WHERE household_id = ? AND kind = 'DEBIT'", hh.value());
        assertEquals(accepted.get(), debitLines);
    }

    @Test
    void theEventStoreRefusesEveryUpdateAndDelete() {
        HouseholdId hh = HouseholdId.newId();
        ledger.open(ADMIN, hh, 60);
        Sql sql = new Sql(dataSource);
        for (String change : List.of(
                "UPDATE domain_event_entry SET payload = payload WHERE aggregate_identifier = ?",
                "DELETE FROM domain_event_entry WHERE aggregate_identifier = ?")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sql.update(change, hh.value()));
            assertTrue(refused.getCause().getMessage().contains("append-only"), refused.getCause().getMessage());
        }
        assertThrows(IllegalStateException.class, () -> sql.update("TRUNCATE domain_event_entry"));
        assertEquals(1, sql.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", hh.value()));
    }
}
