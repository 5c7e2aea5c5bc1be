package cn.moralbank.web.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * docs/performance.md from one run: the machine, the date, the dataset, each figure beside its goal; the raw
 * results stay in docs/performance-raw. What is written below the hand-written marker of the old file is kept.
 */
final class Report {
    static final String MARKER = "<!-- written by hand below this line; the benchmark keeps it -->";

    private final Bench.Options options;
    private final Path raw;
    Generator.Generation generation;
    County county;
    final List<PgBench.Figure> pgbench = new ArrayList<>();
    Replay.Result replay;
    double startupSeconds;
    final List<Load.Result> credits = new ArrayList<>();
    final List<Load.Result> checkouts = new ArrayList<>();
    /** Requests that do less than any command, from the same driver: what the stack does before a command. */
    final List<Load.Result> floor = new ArrayList<>();
    Load.Result kiosks;
    /** The kiosk run's waits for its views after commit (microseconds), from the answers' Server-Timing. */
    org.HdrHistogram.Histogram kioskViewsLag;
    /** The same during the kiosk run's warm-up, reported beside it. */
    org.HdrHistogram.Histogram kioskWarmUpViewsLag;
    final List<Load.Result> reads = new ArrayList<>();
    final List<Load.Result> pages = new ArrayList<>();
    long peakHeapMb;
    long peakRssMb;
    Load.Result twoNodes;
    DebitAudit twoNodesAudit;
    Load.Result provinceOne;
    Load.Result provinceTwo;
    DebitAudit provinceAudit;
    Map<String, Double> aggregateLoad = Map.of();
    long emptyEvents;
    long emptyHouseholds;
    final List<Load.Result> emptyCredits = new ArrayList<>();
    final List<Load.Result> emptyCheckouts = new ArrayList<>();

    Report(Bench.Options options, Path raw) {
        this.options = options;
        this.raw = raw;
    }

    void write() throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("# Performance\n\n");
        md.append("Written by the benchmark (`ops/bench.sh`, see README) on ")
                .append(OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(". Raw output: ")
                .append("`docs/performance-raw/`.\n\n");
        md.append("## Machine and data\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| machine | ").append(Machine.describe()).append(" |\n");
        md.append("| PostgreSQL | ").append(serverVersion()).append(" |\n");
        md.append("| Java | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append(", application heap -Xmx")
                .append(options.heap()).append(" |\n");
        md.append(String.format("| county | %,d households, %,d events in the store |%n", county.households(),
                county.events()));
        if (generation != null) {
            md.append(String.format("| generated | %,d households, %d years, in %.0f s (generator's summary in "
                    + "performance-raw/generate.log) |%n", generation.households(), generation.years(),
                    generation.seconds()));
        }
        md.append(String.format("| load | %d s measured after %d s warm-up per figure; %d villages' households |%n",
                options.measured().toSeconds(), options.warmUp().toSeconds(), county.villages().size()));
        md.append('\n');

        md.append("## The machine's own limit (pgbench, same table and indexes as the event store)\n\n");
        md.append("| script | clients | per second |\n|---|---|---|\n");
        for (PgBench.Figure f : pgbench) {
            String unit = f.script().equals("stream") ? String.format("%,.0f rows (%,.0f reads of 1,000)",
                    f.tps() * 1000, f.tps()) : String.format("%,.0f", f.tps());
            md.append("| ").append(f.script()).append(" | ").append(f.clients()).append(" | ").append(unit)
                    .append(" |\n");
        }
        md.append('\n');

        md.append("## Ledger commands through the application\n\n");
        md.append("| command | clients | per second | p99 | of the redemption shape (goal at 16: ≥ 50%) "
                + "| of the shallow store (goal ≥ 80%) |\n|---|---|---|---|---|---|\n");
        throughputRows(md, credits, emptyCredits, true);
        throughputRows(md, checkouts, emptyCheckouts, true);
        // no goal for the floor: it is there to be read against
        throughputRows(md, floor, List.of(), false);
        if (twoNodes != null) {
            Optional<Load.Result> one = at(checkouts, twoNodes.clients());
            md.append(String.format("| checkouts on **two nodes** | %d | %,.0f | %.1f ms | one node: %s | |%n",
                    twoNodes.clients(), twoNodes.perSecond(), twoNodes.millis(99),
                    one.map(r -> String.format("%,.0f/s", r.perSecond())).orElse("–")));
        }
        if (twoNodesAudit != null) {
            md.append(String.format("%nTwo nodes, each kiosk of a village paired with one on the other node, both "
                    + "serving the same households in the same order; read from the event store afterwards: %s.%n",
                    twoNodesAudit.line()));
        }
        if (provinceOne != null && provinceTwo != null) {
            md.append(String.format("%n**Province slice** (%d kiosks, each village served by one node only, one "
                            + "PostgreSQL): one node %,.0f checkouts/s (p99 %.1f ms); two nodes %,.0f/s (p99 %.1f ms), "
                            + "%.2fx. Both JVMs and the database share this machine's cores, so this shows how the "
                            + "work divides, not what a second machine adds. Read from the event store afterwards: %s.%n",
                    provinceTwo.clients(), provinceOne.perSecond(), provinceOne.millis(99), provinceTwo.perSecond(),
                    provinceTwo.millis(99), provinceTwo.perSecond() / Math.max(1e-9, provinceOne.perSecond()),
                    provinceAudit == null ? "–" : provinceAudit.line()));
        }
        if (!floor.isEmpty()) {
            md.append(String.format("%nThe floor rows are requests that do less than a credit, from the same driver:"
                    + " /health (no sign-in; one trivial query) and a household's passbook (signed in; its scope and"
                    + " one page read). A credit does all a passbook read does and appends an event, so it cannot go"
                    + " faster than the passbook's row.%n"));
        }
        if (emptyEvents > 0) {
            md.append(String.format("%nThe shallow store: %,d households one year deep, %,d events (by default as many"
                    + " households as the county). Before each series the database is checkpointed and autovacuum"
                    + " waited for, up to two minutes (the run's output says when it was not).%n", emptyHouseholds,
                    emptyEvents));
        }
        md.append('\n');

        md.append("## Latency\n\n| what | clients | p50 | p95 | p99 | goal | |\n|---|---|---|---|---|---|---|\n");
        if (kiosks != null) {
            latencyRow(md, kiosks, "p99 < 50 ms", kiosks.millis(99) < 50);
        }
        if (kioskViewsLag != null && kioskViewsLag.getTotalCount() > 0) {
            double p99 = kioskViewsLag.getValueAtPercentile(99) / 1000.0;
            md.append(String.format("| projection lag after commit (the kiosk's checkouts) | %d | %.1f ms | %.1f ms | %.1f ms "
                    + "| p99 < 50 ms | %s |%n", kiosks.clients(), kioskViewsLag.getValueAtPercentile(50) / 1000.0,
                    kioskViewsLag.getValueAtPercentile(95) / 1000.0, p99, mark(p99 < 50)));
        }
        if (kioskWarmUpViewsLag != null && kioskWarmUpViewsLag.getTotalCount() > 0) {
            md.append(String.format("| the same in the warm-up (not counted) | %d | %.1f ms | %.1f ms | %.1f ms | | |%n",
                    kiosks.clients(), kioskWarmUpViewsLag.getValueAtPercentile(50) / 1000.0,
                    kioskWarmUpViewsLag.getValueAtPercentile(95) / 1000.0,
                    kioskWarmUpViewsLag.getValueAtPercentile(99) / 1000.0));
        }
        for (Load.Result r : reads) {
            latencyRow(md, r, "p95 < 20 ms", r.millis(95) < 20);
        }
        for (Load.Result r : pages) {
            latencyRow(md, r, "p95 < 100 ms", r.millis(95) < 100);
        }
        md.append(String.format("%nKiosk checkouts: %d kiosks, each sending a basket (card, PIN, one item) every %.1f s, "
                + "latency counted from when the basket was due; the projection lag is each answer's wait until every view "
                + "that handles its events had committed them (Server-Timing), counted after the warm-up as every other figure, the warm-up's beside it. Reads and pages: %d clients back to back, as the county "
                + "office.%n%n", kiosks == null ? 0 : kiosks.clients(), options.kioskPace().toMillis() / 1000.0, 4));

        md.append("## Replay, snapshots, memory, start-up\n\n| what | figure | goal | |\n|---|---|---|---|\n");
        Optional<PgBench.Figure> stream = pgbench.stream().filter(f -> f.script().equals("stream")).findFirst();
        if (replay != null) {
            double ratio = stream.map(s -> replay.eventsPerSecond() / (s.tps() * 1000)).orElse(Double.NaN);
            md.append(String.format("| replay of every projection | %,d events in %.0f s: %,.0f events/s, %.0f%% of "
                            + "the streaming read | ≥ 10%% of the streaming read | %s |%n", replay.events(),
                    replay.seconds(), replay.eventsPerSecond(), ratio * 100, mark(ratio >= 0.10)));
            md.append(String.format("| token store writes during replay | %,d for %,d events (%d projections, one "
                            + "read): %.2f%% | ≤ 1%% | %s |%n", replay.tokenWrites(), replay.events(), replay.processors(),
                    replay.tokenWriteShare() * 100, mark(replay.tokenWriteShare() <= 0.01)));
        }
        Double deep = aggregateLoad.get("deep");
        Double fresh = aggregateLoad.get("new");
        if (deep != null && fresh != null) {
            md.append(String.format("| loading an account (JMH): %,d entries vs a new one | %.0f µs vs %.0f µs: "
                    + "%.1fx | within 2x | %s |%n", county.deepHouseholdEntries(), deep, fresh, deep / fresh,
                    mark(deep / fresh <= 2)));
        }
        md.append(String.format("| heap in use, peak seen under load | %d MB | ≤ 512 MB | %s |%n", peakHeapMb,
                mark(peakHeapMb > 0 && peakHeapMb <= 512)));
        md.append(String.format("| resident memory (VmHWM) | %d MB | | |%n", peakRssMb));
        md.append(String.format("| start-up to the first served request | %.1f s | | |%n", startupSeconds));
        md.append('\n');

        Path file = options.out().resolve("performance.md");
        String kept = "";
        if (Files.exists(file)) {
            String old = Files.readString(file);
            int at = old.indexOf(MARKER);
            kept = at < 0 ? "" : old.substring(at + MARKER.length());
        }
        md.append(MARKER).append(kept.isEmpty() ? "\n" : kept);
        Files.writeString(file, md.toString());
        Files.writeString(raw.resolve("results.md"), md.toString());
    }

    private void throughputRows(StringBuilder md, List<Load.Result> results, List<Load.Result> empty,
                                boolean goals) {
        for (Load.Result r : results) {
            Optional<PgBench.Figure> limit = pgbench.stream()
                    .filter(f -> f.script().equals("redemption") && f.clients() == r.clients()).findFirst();
            String ofLimit = limit.map(l -> String.format("%.0f%%%s", 100 * r.perSecond() / l.tps(),
                    goals && r.clients() >= 16 ? " " + mark(r.perSecond() / l.tps() >= 0.5) : "")).orElse("–");
            String ofEmpty = at(empty, r.clients()).map(e -> String.format("%.0f%% %s", 100 * r.perSecond()
                    / e.perSecond(), mark(r.perSecond() / e.perSecond() >= 0.8))).orElse("–");
            md.append(String.format("| %s | %d | %,.0f | %.1f ms | %s | %s |%n", r.name(), r.clients(),
                    r.perSecond(), r.millis(99), ofLimit, ofEmpty));
        }
    }

    private static Optional<Load.Result> at(List<Load.Result> results, int clients) {
        return results.stream().filter(r -> r.clients() == clients).findFirst();
    }

    private static void latencyRow(StringBuilder md, Load.Result r, String goal, boolean met) {
        md.append(String.format("| %s | %d | %.1f ms | %.1f ms | %.1f ms | %s | %s |%n", r.name(), r.clients(),
                r.millis(50), r.millis(95), r.millis(99), goal, mark(met)));
    }

    /** A lag histogram (microseconds) in one line: p50, p99, max and how many answers. */
    static String lag(org.HdrHistogram.Histogram lag) {
        if (lag == null || lag.getTotalCount() == 0) {
            return "none";
        }
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d checkouts)", lag.getValueAtPercentile(50) / 1000.0,
                lag.getValueAtPercentile(99) / 1000.0, lag.getMaxValue() / 1000.0, lag.getTotalCount());
    }

    private static String mark(boolean met) {
        return met ? "met" : "**missed**";
    }

    private String serverVersion() {
        Db db = options.db();
        try (var c = DriverManager.getConnection(db.url(), db.user(), db.password()); var s = c.createStatement();
             var r = s.executeQuery("show server_version")) {
            r.next();
            return r.getString(1);
        } catch (Exception e) {
            return "unknown";
        }
    }
}
