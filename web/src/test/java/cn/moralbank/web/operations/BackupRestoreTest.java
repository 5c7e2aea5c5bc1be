package cn.moralbank.web.operations;

import cn.moralbank.points.infra.axon.ProjectionReplay;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.LedgerInvariants;
import cn.moralbank.web.Application;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.*;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The restore drill of docs/operations.md on the demo county: {@code pg_dump -Fc} of the running county after some
 * activity, {@code pg_restore} into a new database, its read models wiped, {@code replay} there; the restored county
 * shows the same balances and passbooks as the live one.
 */
@MicronautTest(transactional = false)
class BackupRestoreTest extends AppTest {
    private static final String PASSWORD_OF_DB = Objects.requireNonNullElse(
            System.getenv("MORALBANK_TEST_DB_PASSWORD"), "");

    @Test
    void aDumpOfTheRunningCountyRestoresAndReplaysToTheSameBalancesAndPassbooks() throws Exception {
        Optional<Path> pgDump = PostgresTools.find("pg_dump");
        Optional<Path> pgRestore = PostgresTools.find("pg_restore");
        Assumptions.assumeTrue(pgDump.isPresent() && pgRestore.isPresent(),
                "pg_dump and pg_restore (PostgreSQL 15 client) are not installed: the restore drill is skipped");

        String household = householdOf("河东村");
        for (int i = 0; i < 5; i++) {
            exchange(as("hedong.admin", HttpRequest.POST("/api/households/" + household + "/credits",
                    Map.of("entryId", "backup-" + i, "points", 10 + i, "reason", "义务植树"))), Map.class);
        }
        exchange(as("hedong.admin", HttpRequest.POST("/api/households/" + household + "/debits",
                Map.of("entryId", "backup-debit", "points", 12, "reason", "兑换"))), Map.class);
        LedgerInvariants live = new LedgerInvariants(() -> DelegatingDataSource.unwrapDataSource(dataSource).getConnection());
        Database original = Database.of(dataSource);
        Path dump = Files.createTempFile("moralbank-", ".dump");
        String restoredName = original.name() + "_restored";
        try {
            // the live county's views and a dump of the same events: the application's own jobs may append meanwhile
            // (a deed whose 公示期 ends is credited), so both are taken again until no event came in between (a
            // penalty booked between the two once made the restored county one entry ahead of the "live" one)
            List<String> livePassbooks;
            long liveEvents;
            for (int attempt = 1; ; attempt++) {
                liveEvents = sql().count("SELECT count(*) FROM domain_event_entry");
                Eventually.until("the live passbook caught up", () -> caughtUp(live));
                livePassbooks = live.passbookAndBalances();
                run(pgDump.get(), "-Fc", "-h", original.host(), "-p", original.port(), "-U", original.user(),
                        "-f", dump.toString(), original.name());
                if (sql().count("SELECT count(*) FROM domain_event_entry") == liveEvents) {
                    break;
                }
                assertTrue(attempt < 5, "events kept coming in while the county was dumped");
            }
            try (Connection c = original.connect("postgres"); var s = c.createStatement()) {
                s.execute("CREATE DATABASE " + restoredName);
            }
            run(pgRestore.get(), "--no-owner", "--exit-on-error", "-h", original.host(), "-p", original.port(),
                    "-U", original.user(), "-d", restoredName, dump.toString());
            try (Connection c = original.connect(restoredName); var s = c.createStatement()) {
                s.execute("DELETE FROM passbook_entry");
                s.execute("UPDATE account_balance SET balance = 0");
            }

            Map<String, Object> props = new HashMap<>(Map.of(
                    "datasources.default.url", original.url(restoredName),
                    "datasources.default.username", original.user(),
                    "datasources.default.password", PASSWORD_OF_DB,
                    "moralbank.jwt-secret", "restore-drill-secret-restore-drill-secret-0123",
                    "moralbank.demo.load", "false",
                    // the restored county only replays here: its own 公示期 job would credit or penalise the deeds
                    // whose period ended since the dump, an entry the live county books a moment later (this test
                    // failed so at 16:48, when a demo deed's period ended during the run)
                    "moralbank.deeds.objection-job.enabled", "false"));
            try (ApplicationContext restored = ApplicationContext.builder(Application.class).environments("test")
                    .properties(props).start()) {
                ByteArrayOutputStream progress = new ByteArrayOutputStream();
                assertEquals(0, restored.getBean(ProjectionReplay.class).replay(null, new PrintStream(progress)));
                assertTrue(progress.toString().contains("Done"), progress.toString());
            }
            LedgerInvariants copy = new LedgerInvariants(() -> original.connect(restoredName));
            assertEquals(livePassbooks, copy.passbookAndBalances(), "the restored county's passbooks and balances");
            assertEquals(List.of(), copy.readModelEqualsEvents());
            assertEquals(List.of(), copy.sequencesWithoutHoles());
            try (Connection c = original.connect(restoredName); var s = c.createStatement()) {
                var rs = s.executeQuery("SELECT (SELECT count(*) FROM domain_event_entry), "
                        + "(SELECT balance FROM account_balance WHERE household_id = '" + household + "')");
                rs.next();
                assertEquals(liveEvents, rs.getLong(1), "every event restored");
                assertEquals(balance(household), rs.getLong(2));
            }
        } finally {
            Files.deleteIfExists(dump);
            try (Connection c = original.connect("postgres"); var s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + restoredName + " WITH (FORCE)");
            }
        }
    }

    private static boolean caughtUp(LedgerInvariants invariants) {
        try {
            return invariants.caughtUp();
        } catch (SQLException e) {
            return false;
        }
    }

    private static void run(Path tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", PASSWORD_OF_DB);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + output);
    }

    /** Where the test's database lives, from the pool's own connection. */
    record Database(String host, String port, String name, String user) {
        static Database of(DataSource dataSource) throws SQLException {
            try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
                URI uri = URI.create(c.getMetaData().getURL().substring("jdbc:".length()));
                return new Database(uri.getHost(), String.valueOf(uri.getPort()), uri.getPath().substring(1),
                        c.getMetaData().getUserName());
            }
        }

        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(url(database), user, PASSWORD_OF_DB);
        }
    }

    /** PostgreSQL's client programs: the machine's PostgreSQL 15 first, then the PATH. */
    static final class PostgresTools {
        static Optional<Path> find(String program) {
            List<Path> candidates = new ArrayList<>();
            candidates.add(Path.of("/usr/lib/postgresql/15/bin", program));
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, program));
                }
            }
            return candidates.stream().filter(Files::isExecutable).findFirst();
        }
    }
}
