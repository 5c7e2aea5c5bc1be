import cn.moralbank.points.testing.LedgerInvariants;
import cn.moralbank.points.testing.ProjectionTokens;
import cn.moralbank.points.testing.TcpProxy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.*;

/**
 * The fault-injection run of ops/faults.sh: the application jar against a throwaway PostgreSQL reached through a TCP
 * proxy, checkout and credit load over HTTP from several threads, and one fault per scenario:
 * a) PostgreSQL stopped with -m immediate and restarted, b) the application killed with SIGKILL and restarted,
 * c) every database connection cut, d) two nodes racing on the same households, e) a projection whose writes fail,
 * f) ("crash") 20 rounds of checkout bursts with PostgreSQL crashed and node-1 killed, each followed by verify.
 * After each: the invariants (LedgerInvariants, shared with the test suite). Writes docs/faults-report.md.
 */
public final class Faults {
    static final Duration LOAD = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("FAULTS_SECONDS", "20")));
    static final int THREADS = Integer.parseInt(System.getenv().getOrDefault("FAULTS_THREADS", "6"));

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Path work = Path.of(env.get("FAULTS_WORK"));
        int pgPort = Integer.parseInt(env.get("FAULTS_PG_PORT"));
        List<String> scenarios = args.length > 0 ? List.of(args) : List.of("a", "b", "c", "d", "e", "f");
        TcpProxy proxy = new TcpProxy("127.0.0.1", pgPort);
        String direct = "jdbc:postgresql://127.0.0.1:" + pgPort + "/moralbank";
        Map<String, String> appEnv = new HashMap<>(Map.of(
                "DATASOURCES_DEFAULT_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/moralbank",
                "DATASOURCES_DEFAULT_USERNAME", "postgres", "DATASOURCES_DEFAULT_PASSWORD", "",
                "MORALBANK_JWT_SECRET", "faults-run-secret-faults-run-secret-0123456789",
                "MORALBANK_DEMO", "true", "MORALBANK_PASSWORD_COST", "4",
                // half-way checkouts of a killed node are finished sooner than the production default (2 min)
                "MORALBANK_KIOSK_UNFINISHED_AFTER", "10s", "MORALBANK_KIOSK_RECOVERY_FIRST_RUN", "5s",
                "MORALBANK_KIOSK_RECOVERY_INTERVAL", "5s"));
        File logs = work.toFile();
        Path jar = Path.of(env.get("FAULTS_JAR"));
        AppNode node1 = new AppNode("node-1", Integer.parseInt(env.get("FAULTS_PORT_1")), jar,
                AppNode.logIn(logs, "node-1"), appEnv);
        AppNode node2 = new AppNode("node-2", Integer.parseInt(env.get("FAULTS_PORT_2")), jar,
                AppNode.logIn(logs, "node-2"), appEnv);
        Report report = new Report();
        Path out = Path.of(env.getOrDefault("FAULTS_REPORT", "docs/faults-report.md"));
        // a run stopped with SIGTERM or ^C leaves no application node or verify run of its own behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroyForcibly)));
        LedgerInvariants invariants = new LedgerInvariants(() -> DriverManager.getConnection(direct, "postgres", ""));
        try {
            long started = System.nanoTime();
            node1.start(Duration.ofMinutes(6));
            report.note("node-1 started with the demo county in %.0f s", (System.nanoTime() - started) / 1e9);
            Scenarios.await("demo read models", Duration.ofMinutes(3), () -> invariants.caughtUp());
            Map<String, String> tokens = County.signIn(node1.url(), "hedong.admin", "hedong.kiosk1", "hedong.shop");
            County county;
            try (Connection db = DriverManager.getConnection(direct, "postgres", "")) {
                county = County.prepare(db, node1.url(), tokens);
            }
            Load load = new Load(county, tokens);
            Scenarios run = new Scenarios(load, invariants, proxy, node1, node2, county, direct);
            for (String scenario : scenarios) {
                if (scenario.equals("f") || scenario.equals("crash")) {
                    new CrashRounds(run, load, node1, county, direct, jar, appEnv, work, tokens).run(report,
                            () -> save(report, out));
                } else {
                    report.add(run.scenario(scenario));
                    save(report, out);
                }
            }
            node2.stop();
            node1.stop();
            report.finalCheck(Replay.compare(invariants, jar, appEnv, work));
        } finally {
            node2.stop();
            node1.stop();
            proxy.close();
        }
        save(report, out);
        System.out.println(report.summary());
        System.out.println("report: " + out);
        System.exit(report.violations() == 0 ? 0 : 1);
    }

    private static void save(Report report, Path out) {
        try {
            Files.writeString(out, report.markdown(LOAD, THREADS));
        } catch (Exception e) {
            System.out.println("could not write " + out + ": " + e);
        }
    }
}
