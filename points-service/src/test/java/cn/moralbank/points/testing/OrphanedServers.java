package cn.moralbank.points.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The test runs' embedded PostgreSQL servers, each in a temporary folder that names the JVM which started it. A JVM
 * that was killed (a run cut short, a crashed fork) never ran its shutdown hook: its server kept running with its
 * parent gone and its data folder stayed. The next run stops such servers and removes their folders.
 */
final class OrphanedServers {
    static final String PREFIX = "moralbank-test-pg";
    private static final String OWNER = "owner.pid";

    private OrphanedServers() {
    }

    static void claim(Path folder) throws IOException {
        Files.writeString(folder.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
    }

    static void stopAndRemove() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> folders = Files.list(temp)) {
            folders.filter(f -> f.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(f))
                    .filter(OrphanedServers::ownerGone)
                    .forEach(folder -> {
                        pid(folder.resolve("data/postmaster.pid")).flatMap(ProcessHandle::of).ifPresent(server -> {
                            server.destroy(); // SIGTERM: PostgreSQL's smart shutdown, its clients being gone
                            server.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> {
                                        server.destroyForcibly();
                                        return server;
                                    }).join();
                        });
                        delete(folder);
                    });
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not clear earlier test servers: " + e);
        }
    }

    private static boolean ownerGone(Path folder) {
        Optional<Long> owner = pid(folder.resolve(OWNER));
        if (owner.isEmpty()) {
            // an earlier kind of run, or one that has only just made its folder
            try {
                return Files.getLastModifiedTime(folder).toMillis() < System.currentTimeMillis() - 60_000;
            } catch (IOException e) {
                return false;
            }
        }
        return owner.flatMap(ProcessHandle::of).map(p -> !p.isAlive()).orElse(true);
    }

    private static Optional<Long> pid(Path file) {
        try {
            String first = Files.readAllLines(file).get(0).strip();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left for the next run
        }
    }
}
