package cn.moralbank.web.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's own limit, measured by PostgreSQL's pgbench with custom scripts (ops/bench/pgbench) on a scratch
 * copy of the event store's table and indexes, and a streaming read on the county's own event store.
 */
final class PgBench {
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    record Figure(String script, int clients, double tps) {
    }

    private final Path scripts;
    private final Path raw;
    private final int seconds;

    PgBench(Path scripts, Path raw, int seconds) {
        this.scripts = scripts;
        this.raw = raw;
        this.seconds = seconds;
    }

    static boolean available() {
        try {
            return new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** A scratch database with the event store's table, prefilled with a million rows. */
    void prepare(Db scratch) throws SQLException, IOException {
        scratch.create();
        try (var c = DriverManager.getConnection(scratch.url(), scratch.user(), scratch.password());
             var s = c.createStatement()) {
            s.execute(resource("db/migration/V1__event_store.sql"));
            s.execute(Files.readString(scripts.resolve("prefill.sql")));
        }
    }

    Figure run(Db db, String script, int clients, Map<String, String> variables) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-h", db.host(), "-p",
                String.valueOf(db.port()), "-U", db.user(), "-f", scripts.resolve(script + ".sql").toString(),
                "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 4)), "-T",
                String.valueOf(seconds)));
        variables.forEach((k, v) -> command.addAll(List.of("-D", k + "=" + v)));
        command.add(db.name());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (db.password() != null && !db.password().isEmpty()) {
            builder.environment().put("PGPASSWORD", db.password());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Files.writeString(raw.resolve("pgbench-" + script + "-" + clients + ".txt"), String.join(" ", command)
                + "\n\n" + output);
        Matcher m = TPS.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("pgbench " + script + " printed no tps:\n" + output);
        }
        Figure figure = new Figure(script, clients, Double.parseDouble(m.group(1)));
        System.out.printf("  pgbench %-10s %3d clients %,10.0f tps%n", script, clients, figure.tps());
        return figure;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PgBench.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no " + name + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
