package cn.moralbank.points.ledger;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Sql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The remembered entries (table ledger_entry) are written by the account's command handlers on the connection of
 * the command's own transaction: they commit with the command's events, roll back with them, and join a transaction
 * the command is sent in (a checkout running several commands in one).
 */
@MicronautTest(transactional = false)
class EntriesInTheCommandsTransactionTest extends DatabaseTest {
    private static final Actor ADMIN = new Actor("hedong-admin", Role.VILLAGE_ADMIN, "/130826/", null, null);

    @Inject Ledger ledger;
    @Inject DataSource dataSource;
    @Inject SynchronousTransactionManager<Connection> transactions;

    @Test
    void anEntryIsStoredWithItsEventAndAReversalMarksWhatItUndid() {
        HouseholdId hh = HouseholdId.newId();
        ledger.open(ADMIN, hh, 60);
        ledger.debit(ADMIN, new DebitCommand(hh, new EntryId("co-1"), 25, "checkout:1", "兑换"));
        ledger.debit(ADMIN, new DebitCommand(hh, new EntryId("co-2"), 500, "checkout:2", "兑换"));
        ledger.reverse(ADMIN, new ReverseCommand(hh, new EntryId("refund-1"), new EntryId("co-1"), "退货"));

        Sql sql = new Sql(dataSource);
        assertEquals("co-1|DEBIT|25|-25|-|refund-1|35|false", row(sql, hh, "co-1"));
        assertEquals("co-2|DEBIT|500|0|-|-|35|true", row(sql, hh, "co-2"));
        assertEquals("refund-1|REVERSAL|0|25|co-1|-|60|false", row(sql, hh, "refund-1"));
    }

    @Test
    void aCommandRolledBackWithItsTransactionLeavesNeitherEventNorEntry() {
        HouseholdId hh = HouseholdId.newId();
        ledger.open(ADMIN, hh, 0);
        assertThrows(IllegalStateException.class, () -> transactions.executeWrite(status -> {
            ledger.credit(ADMIN, new CreditCommand(hh, new EntryId("deed-1"), 10, "deed", "助人为乐"));
            throw new IllegalStateException("the caller's next step fails: its transaction rolls back");
        }));

        Sql sql = new Sql(dataSource);
        assertEquals(0, sql.count("SELECT count(*) FROM ledger_entry WHERE household_id = ?", hh.value()));
        assertEquals(1, sql.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                hh.value()), "only the opening");
        // so the same entry id is new, not a repeat of a credit that never happened
        EntryResult again = ledger.credit(ADMIN, new CreditCommand(hh, new EntryId("deed-1"), 10, "deed", "助人为乐"));
        assertFalse(again.repeated());
        assertEquals(10, again.balanceAfter());
    }

    @Test
    void aCommandSentInsideATransactionWritesItsEntryInThatTransaction() {
        HouseholdId hh = HouseholdId.newId();
        ledger.open(ADMIN, hh, 0);
        Sql elsewhere = new Sql(dataSource);
        transactions.executeWrite(status -> {
            ledger.credit(ADMIN, new CreditCommand(hh, new EntryId("deed-1"), 10, "deed", "助人为乐"));
            // the transaction's own connection, as Micronaut Data hands it to whatever runs inside it
            try (var count = status.getConnection().prepareStatement(
                    "SELECT count(*) FROM ledger_entry WHERE household_id = ?")) {
                count.setString(1, hh.value());
                var rows = count.executeQuery();
                rows.next();
                assertEquals(1, rows.getLong(1), "seen inside");
            }
            assertEquals(0, elsewhere.count(
                    "SELECT count(*) FROM ledger_entry WHERE household_id = ?", hh.value()), "not yet committed");
            return null;
        });
        assertEquals(1, elsewhere.count("SELECT count(*) FROM ledger_entry WHERE household_id = ?", hh.value()));
    }

    private static Object row(Sql sql, HouseholdId hh, String entryId) {
        return sql.single("SELECT concat_ws('|', entry_id, kind, requested, change, coalesce(original_entry_id, '-'), "
                + "coalesce(reversed_by, '-'), balance_after, refused::text) FROM ledger_entry "
                + "WHERE household_id = ? AND entry_id = ?", hh.value(), entryId);
    }
}
