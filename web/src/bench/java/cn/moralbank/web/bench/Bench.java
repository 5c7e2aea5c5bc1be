package cn.moralbank.web.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark: one run measures the machine's own limit (pgbench), the application's ledger throughput, kiosk and
 * read latencies, replay, memory, start-up and a second node, on a generated county, and writes
 * docs/performance.md with the raw results beside it. See README ("Benchmarks") for the command.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Report report = run(options);
        report.write();
        System.out.println("Wrote " + options.out().resolve("performance.md"));
        System.exit(0);
    }

    static Report run(Options o) throws Exception {
        Path raw = o.out().resolve("performance-raw");
        Files.createDirectories(raw);
        Report report = new Report(o, raw);
        Db county = o.db();
        if (o.households() > 0) {
            step("Generating a county of " + o.households() + " households, " + o.years() + " years");
            report.generation = Generator.generate(o, county, o.households(), o.years(), raw.resolve("generate.log"));
        }
        long head = DebitAudit.head(county);
        System.out.printf("County: %,d events in the store%n", DebitAudit.count(county));

        if (o.runs("pgbench") && PgBench.available()) {
            step("pgbench: the machine's own limit");
            PgBench pgbench = new PgBench(o.scripts(), raw, o.pgbenchSeconds());
            Db scratch = county.sibling(county.name() + "_pgbench");
            pgbench.prepare(scratch);
            for (String script : List.of("append", "redemption")) {
                for (int clients : o.clients()) {
                    report.pgbench.add(pgbench.run(scratch, script, clients, Map.of()));
                }
            }
            report.pgbench.add(pgbench.run(county, "stream", 1,
                    Map.of("head", String.valueOf(Math.max(2000, head)))));
        } else if (o.runs("pgbench")) {
            System.out.println("pgbench is not installed (Debian: postgresql-client); the machine's limit is skipped");
        }

        if (o.runs("replay")) {
            step("Replay: every projection rebuilt from the event store");
            report.replay = Replay.run(o, county, raw.resolve("replay.log"));
        }
        // read after the replay: the load driver picks households, balances and stock from the read models
        report.county = County.read(county, o.villages(), 40);
        System.out.printf("County: %,d households, %,d events, %d villages under load%n",
                report.county.households(), report.county.events(), report.county.villages().size());

        step("One node");
        Workloads work = new Workloads(report.county, o.pin(), o.warmUp(), o.measured());
        try (AppNode a = AppNode.start(o.jar(), county, o.port(), o.heap(), raw.resolve("node-a.log"), Map.of(),
                o.jfr() ? raw.resolve("node-a.jfr") : null)) {
            report.startupSeconds = a.startupSeconds;
            Api api = new Api(a.base(), o.password());
            // the first command on the deep household loads its ten years and leaves a snapshot behind
            touchDeepHousehold(api, report.county);
            for (int clients : o.runs("credits") ? o.clients() : List.<Integer>of()) {
                county.settle();
                report.credits.add(work.credits("credits", List.of(api), clients));
            }
            for (int clients : o.runs("floor") ? o.clients() : List.<Integer>of()) {
                report.floor.add(work.anonymous("floor: /health", api, clients, "/health"));
                report.floor.add(work.asVillageAdmin("floor: a household's passbook, page of 1", api, clients,
                        household -> "/api/households/" + household + "/passbook?size=1"));
            }
            for (int clients : o.runs("checkouts") ? o.clients() : List.<Integer>of()) {
                work.restock(api, 999);
                county.settle();
                report.checkouts.add(work.checkouts("checkouts", List.of(api), clients));
            }
            if (o.runs("kiosks")) {
                work.restock(api, 999);
                county.settle();
                work.viewsLag();
                report.kiosks = work.checkouts("kiosk checkout latency", List.of(api), o.kiosks(), o.kioskPace());
                report.kioskViewsLag = work.viewsLag();
                report.kioskWarmUpViewsLag = work.warmUpViewsLag();
                System.out.println("  projection lag after commit: " + Report.lag(report.kioskViewsLag)
                        + "; in the warm-up: " + Report.lag(report.kioskWarmUpViewsLag));
            }
            a.heapUsedMb();
            readsAndPages(report, work, api, o);
            a.heapUsedMb();
            report.peakHeapMb = a.peakHeapMb();
            report.peakRssMb = a.peakRssMb();

            if (o.runs("two-nodes")) {
                step("Two nodes");
                try (AppNode b = AppNode.start(o.jar(), county, o.port() + 1, o.heap(), raw.resolve("node-b.log"),
                        Map.of(), null)) {
                    Api second = new Api(b.base(), o.password());
                    int clients = o.clients().get(o.clients().size() - 1);
                    work.restock(api, 999);
                    long before = DebitAudit.head(county);
                    report.twoNodes = work.checkouts("checkouts on two nodes", List.of(api, second), clients);
                    report.twoNodesAudit = DebitAudit.since(county, before);
                    System.out.println("  two nodes, the same households: " + report.twoNodesAudit.line());
                }
            }
            if (o.runs("province")) {
                provinceSlice(report, work, api, county, o, raw);
            }
        }

        if (o.runs("aggregate-load")) {
            step("Loading an account: ten years of entries against a new one (JMH)");
            report.aggregateLoad = aggregateLoad(o, county, report.county);
        }

        int shallowHouseholds = o.emptyHouseholds() >= 0 ? o.emptyHouseholds() : (int) report.county.households();
        if (o.runs("empty") && shallowHouseholds > 0) {
            // the same households, one year deep: what the depth of the store alone costs
            step("The same commands on " + shallowHouseholds + " households one year deep");
            Db empty = county.sibling(county.name() + "_empty");
            Generator.generate(o, empty, shallowHouseholds, 1, raw.resolve("generate-empty.log"));
            County small = County.read(empty, o.villages(), 40);
            report.emptyEvents = small.events();
            report.emptyHouseholds = small.households();
            Workloads smallWork = new Workloads(small, o.pin(), o.warmUp(), o.measured());
            try (AppNode e = AppNode.start(o.jar(), empty, o.port() + 2, o.heap(), raw.resolve("node-empty.log"),
                    Map.of(), null)) {
                Api api = new Api(e.base(), o.password());
                for (int clients : o.clients()) {
                    empty.settle();
                    report.emptyCredits.add(smallWork.credits("credits, empty store", List.of(api), clients));
                }
                for (int clients : o.clients()) {
                    smallWork.restock(api, 999);
                    empty.settle();
                    report.emptyCheckouts.add(smallWork.checkouts("checkouts, empty store", List.of(api), clients));
                }
            }
        }
        return report;
    }

    /**
     * A province slice: the same kiosks on one node, then on two nodes that serve disjoint villages and share only
     * the database, as a province's county nodes would (on this machine both JVMs share its two cores too).
     */
    private static void provinceSlice(Report report, Workloads work, Api api, Db county, Options o, Path raw)
            throws Exception {
        step("Province slice: one node, then two nodes serving disjoint villages");
        int clients = o.clients().get(o.clients().size() - 1);
        work.restock(api, 999);
        report.provinceOne = work.checkoutsOnDisjointVillages("province slice, one node", List.of(api), clients);
        try (AppNode b = AppNode.start(o.jar(), county, o.port() + 3, o.heap(), raw.resolve("node-province.log"),
                Map.of(), null)) {
            Api second = new Api(b.base(), o.password());
            work.restock(api, 999);
            long before = DebitAudit.head(county);
            report.provinceTwo = work.checkoutsOnDisjointVillages("province slice, two nodes", List.of(api, second),
                    clients);
            report.provinceAudit = DebitAudit.since(county, before);
            System.out.println("  two nodes, disjoint villages: " + report.provinceAudit.line());
        }
    }

    /** Rankings, a passbook and the dashboard pages, read by four clients as the county office reads them. */
    private static void readsAndPages(Report report, Workloads work, Api api, Options o) throws Exception {
        if (!o.runs("reads")) {
            return;
        }
        int readers = 4;
        report.reads.add(work.read("rankings: top 100 households", api, readers,
                () -> "/api/rankings/households?limit=100"));
        report.reads.add(work.read("rankings: a household's rank", api, readers,
                () -> "/api/households/" + work.anyHousehold() + "/rank"));
        report.reads.add(work.read("rankings: village table", api, readers, () -> "/api/rankings/villages"));
        report.reads.add(work.read("rankings: township table", api, readers, () -> "/api/rankings/regions"));
        report.reads.add(work.read("a household's passbook", api, readers,
                () -> "/api/households/" + work.anyHousehold() + "/passbook"));
        report.pages.add(work.read("page: county dashboard", api, readers, () -> "/dashboard"));
        report.pages.add(work.read("page: township dashboard", api, readers,
                () -> "/dashboard?region=" + work.anyTownship()));
        report.pages.add(work.read("page: rankings", api, readers, () -> "/rankings"));
    }

    /** The first command on the deep household loads its ten years of events and leaves a snapshot behind. */
    private static void touchDeepHousehold(Api api, County county) throws Exception {
        var answer = api.post(Api.client(), county.deepAdmin(), "/api/households/" + county.deepHousehold()
                + "/credits", Map.of("entryId", "bench-snapshot-" + System.nanoTime(), "points", 1,
                "reason", "基准测试 snapshot"));
        System.out.printf("  the deep household (%,d entries) took its first command: %d%n",
                county.deepHouseholdEntries(), answer.statusCode());
    }

    private static Map<String, Double> aggregateLoad(Options o, Db db, County county) throws Exception {
        String fresh;
        try (var c = DriverManager.getConnection(db.url(), db.user(), db.password());
             var s = c.createStatement();
             var r = s.executeQuery("select household_id from account_balance order by entries, household_id limit 1")) {
            r.next();
            fresh = r.getString(1);
        }
        var options = new OptionsBuilder().include(AggregateLoadBenchmark.class.getSimpleName())
                .forks(1).warmupIterations(o.quick() ? 1 : 3).measurementIterations(o.quick() ? 1 : 5)
                .warmupTime(TimeValue.seconds(o.quick() ? 1 : 2)).measurementTime(TimeValue.seconds(o.quick() ? 1 : 3))
                .jvmArgsAppend("-Xmx512m", "-Dbench.db.url=" + db.url(), "-Dbench.db.user=" + db.user(),
                        "-Dbench.db.password=" + (db.password() == null ? "" : db.password()),
                        "-Dbench.household.deep=" + county.deepHousehold(), "-Dbench.household.new=" + fresh)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> micros = new HashMap<>();
        for (RunResult result : results) {
            micros.put(result.getParams().getParam("household"), result.getPrimaryResult().getScore());
        }
        return micros;
    }

    private static void step(String what) {
        System.out.println();
        System.out.println("== " + what + " (" + LocalDate.now() + ")");
    }

    /** The command line: {@code --name value} pairs; see README. */
    record Options(Map<String, String> values) {
        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + args[i]);
                }
                boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
                values.put(args[i].substring(2), flag ? "true" : args[++i]);
            }
            return new Options(values);
        }

        private String get(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        /** The parts to run ({@code --only credits,kiosks}); all when not given. */
        boolean runs(String part) {
            String only = values.get("only");
            return only == null || List.of(only.split(",")).contains(part);
        }

        /** Record the first node with Java Flight Recorder (performance-raw/node-a.jfr), to see where time goes. */
        boolean jfr() {
            return Boolean.parseBoolean(get("jfr", "false"));
        }

        boolean quick() {
            return Boolean.parseBoolean(get("quick", "false"));
        }

        Db db() {
            return new Db(get("db", "jdbc:postgresql://127.0.0.1:5432/moralbank_county"), get("db-user", "postgres"),
                    get("db-password", ""));
        }

        int households() {
            return Integer.parseInt(get("generate", "0"));
        }

        int years() {
            return Integer.parseInt(get("years", "10"));
        }

        int emptyHouseholds() {
            // -1: as many households as the county under measure
            return Integer.parseInt(get("empty-households", quick() ? "0" : "-1"));
        }

        int villages() {
            return Integer.parseInt(get("villages", "60"));
        }

        /** How often each kiosk sends a basket in the latency test. */
        Duration kioskPace() {
            return Duration.ofMillis(Long.parseLong(get("kiosk-pace-ms", "2000")));
        }

        int kiosks() {
            return Integer.parseInt(get("kiosks", quick() ? "4" : "50"));
        }

        List<Integer> clients() {
            List<Integer> clients = new ArrayList<>();
            for (String n : get("clients", quick() ? "1,2" : "1,4,16").split(",")) {
                clients.add(Integer.parseInt(n.trim()));
            }
            return clients;
        }

        Duration warmUp() {
            return Duration.ofSeconds(Long.parseLong(get("warmup", quick() ? "1" : "5")));
        }

        Duration measured() {
            return Duration.ofSeconds(Long.parseLong(get("seconds", quick() ? "1" : "20")));
        }

        int pgbenchSeconds() {
            return Integer.parseInt(get("pgbench-seconds", quick() ? "1" : "20"));
        }

        String password() {
            return get("password", "demo1234");
        }

        String pin() {
            return get("pin", "1234");
        }

        String heap() {
            return get("heap", "512m");
        }

        int port() {
            return Integer.parseInt(get("port", "18080"));
        }

        Path jar() {
            return Path.of(get("jar", "web/target/moral-bank.jar"));
        }

        Path scripts() {
            return Path.of(get("scripts", "ops/bench/pgbench"));
        }

        Path out() {
            // a partial run must not overwrite the whole run's figures
            return Path.of(get("out", values.containsKey("only") ? "web/target/bench" : "docs"));
        }
    }
}
