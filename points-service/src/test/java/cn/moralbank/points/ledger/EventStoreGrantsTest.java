package cn.moralbank.points.ledger;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.ViewTables;
import cn.moralbank.points.infra.axon.ProjectionReplay;
import cn.moralbank.points.infra.db.RebuiltTables;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.points.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The application role of docs/operations.md: the owner migrates; the application, running as a role given the
 * grants of {@code ops/db-grants.sql} (this very file is run), books, projects and replays as usual, but its UPDATE,
 * DELETE and TRUNCATE on the event store are refused by the grants themselves, before the V14 trigger.
 */
class EventStoreGrantsTest {
    private static final Actor ADMIN = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/130826/", null, null);
    private static final String APP_PASSWORD = "app-secret-for-the-test";

    @Test
    void theApplicationRoleAppendsAndProjectsButCannotUpdateOrDeleteTheEventStore() throws Exception {
        Map<String, Object> owner = TestDatabase.freshDatabaseProperties();
        String url = (String) owner.get("datasources.default.url");
        String ownerUser = (String) owner.get("datasources.default.username");
        String ownerPassword = (String) owner.get("datasources.default.password");
        String role = "mb_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

        HouseholdId earlier = HouseholdId.newId();
        try (ApplicationContext migrated = ApplicationContext.builder().environments("test").properties(owner).start()) {
            migrated.getBean(Ledger.class).open(ADMIN, earlier, 40);
        }
        try (Connection c = DriverManager.getConnection(url, ownerUser, ownerPassword); var s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
            for (String statement : grants(role)) {
                s.execute(statement);
            }
        }
        try {
            Map<String, Object> asApp = new HashMap<>(owner);
            asApp.put("datasources.default.username", role);
            asApp.put("datasources.default.password", APP_PASSWORD);
            HouseholdId household = HouseholdId.newId();
            try (ApplicationContext app = ApplicationContext.builder().environments("test").properties(asApp).start()) {
                Ledger ledger = app.getBean(Ledger.class);
                ledger.open(ADMIN, household, 10);
                ledger.credit(ADMIN, new CreditCommand(household, new EntryId("g-1"), 25, "deed", "助人为乐"));
                EntryResult debit = ledger.debit(ADMIN, new DebitCommand(household, new EntryId("g-2"), 30, "checkout", "兑换"));
                assertTrue(debit.applied());
                Sql sql = new Sql(app.getBean(DataSource.class));
                Eventually.until("the passbook, written as the application role", () -> sql.count(
                        "SELECT count(*) FROM passbook_entry WHERE household_id = ?", household.value()) == 3);
                assertEquals(0, app.getBean(ProjectionReplay.class).replay(ProjectionFaultTest.PASSBOOK_PROCESSOR,
                        new PrintStream(new ByteArrayOutputStream())), "replay clears and rebuilds as the application role");
                assertEquals(5, sql.count("SELECT balance FROM account_balance WHERE household_id = ?", household.value()));
                assertEquals(40, sql.count("SELECT balance FROM account_balance WHERE household_id = ?", earlier.value()));
                // a full rebuild sets secondary indexes aside only where it owns the tables
                long indexes = sql.count("SELECT count(*) FROM pg_indexes WHERE tablename = 'voucher_view'");
                app.getBean(ViewTables.class).empty("voucher_view");
                assertEquals(List.of(), app.getBean(RebuiltTables.class).deferIndexes());
                assertEquals(indexes, sql.count("SELECT count(*) FROM pg_indexes WHERE tablename = 'voucher_view'"));
            }

            try (Connection c = DriverManager.getConnection(url, role, APP_PASSWORD); var s = c.createStatement()) {
                long events = count(s, "SELECT count(*) FROM domain_event_entry");
                assertEquals(4, events);
                assertRefusedByGrant(s, "UPDATE domain_event_entry SET payload_type = 'forged'");
                assertRefusedByGrant(s, "DELETE FROM domain_event_entry WHERE aggregate_identifier = '" + household.value() + "'");
                assertRefusedByGrant(s, "TRUNCATE domain_event_entry");
                assertRefusedByGrant(s, "DELETE FROM flyway_schema_history");
                // the owner runs these definitions when it builds set-aside indexes
                assertRefusedByGrant(s, "INSERT INTO deferred_index VALUES ('x', 'CREATE INDEX x ON public.household"
                        + " USING btree (id); DROP TABLE household')");
                assertEquals(events, count(s, "SELECT count(*) FROM domain_event_entry"));
                assertEquals(0, count(s, "SELECT count(*) FROM domain_event_entry WHERE payload_type = 'forged'"));
            }
        } finally {
            try (Connection c = DriverManager.getConnection(url, ownerUser, ownerPassword); var s = c.createStatement()) {
                s.execute("DROP OWNED BY " + role);
                s.execute("DROP ROLE " + role);
            }
        }
    }

    /** The statements of ops/db-grants.sql, for the given role instead of moralbank_app. */
    static List<String> grants(String role) throws IOException {
        Path file = Path.of("..", "ops", "db-grants.sql");
        String script = Files.readString(file).lines().filter(line -> !line.strip().startsWith("--"))
                .reduce("", (a, b) -> a + "\n" + b);
        List<String> statements = new ArrayList<>();
        for (String statement : script.split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip().replace("moralbank_app", role));
            }
        }
        assertTrue(statements.size() >= 6, "the grants script: " + statements);
        return statements;
    }

    private static void assertRefusedByGrant(Statement s, String sql) {
        SQLException refused = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals("42501", refused.getSQLState(), sql + ": " + refused.getMessage());
        assertTrue(refused.getMessage().contains("permission denied"), "refused by the grants, not only by the "
                + "trigger: " + refused.getMessage());
    }

    private static long count(Statement s, String sql) throws SQLException {
        var rs = s.executeQuery(sql);
        rs.next();
        return rs.getLong(1);
    }
}
