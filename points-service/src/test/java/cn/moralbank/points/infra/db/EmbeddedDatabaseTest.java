package cn.moralbank.points.infra.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A node killed with its embedded PostgreSQL running (kill -9: no shutdown hook, and PostgreSQL outlives its parent)
 * must not keep the next start from the data: before, the next start waited 60 s and failed with a message about
 * running as root. The first node runs in a JVM of its own ({@link Node}), killed as an operator's kill -9 would.
 */
class EmbeddedDatabaseTest {
    private Path data;

    /** Whatever happened, no server of this test outlives it. */
    @AfterEach
    void stopAnyServerLeft() throws Exception {
        Path pidFile = data.resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip())).ifPresent(server -> {
                        server.destroy();
                        server.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                    });
        }
    }

    @Test
    void aServerLeftRunningByAKilledNodeIsStoppedAndTheNextStartKeepsItsData(@TempDir Path home) throws Exception {
        data = home.resolve("pgdata");
        Process node = Node.start(data);
        try {
            // a second node on the same data while the first runs is refused at once, saying why
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> EmbeddedDatabase.start(data, false));
            assertTrue(refused.getMessage().contains("Another moral bank node is running"), refused.getMessage());
        } finally {
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        long began = System.nanoTime();
        try (EmbeddedDatabase again = EmbeddedDatabase.start(data, false)) {
            assertTrue(System.nanoTime() - began < TimeUnit.SECONDS.toNanos(45), "started without the 60 s wait");
            Properties login = new Properties();
            login.setProperty("user", "postgres");
            try (var c = DriverManager.getConnection(again.jdbcUrl("kept"), login);
                 var rs = c.createStatement().executeQuery("SELECT note FROM kept")) {
                assertTrue(rs.next());
                assertEquals("written before the kill", rs.getString(1));
            }
        }
    }

    /** The first node: starts the embedded server on a directory, writes a row, says READY, and waits to be killed. */
    public static final class Node {
        static Process start(Path data) throws Exception {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Node.class.getName(), data.toString())
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.equals("READY")) {
                    return process;
                }
            }
            throw new IllegalStateException("the first node did not start:\n" + seen);
        }

        public static void main(String[] args) throws Exception {
            EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]), false);
            database.ensureDatabase("kept");
            Properties login = new Properties();
            login.setProperty("user", "postgres");
            try (var c = DriverManager.getConnection(database.jdbcUrl("kept"), login); var s = c.createStatement()) {
                s.execute("CREATE TABLE kept (note text)");
                s.execute("INSERT INTO kept VALUES ('written before the kill')");
            }
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
