import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario f ("crash"): round after round, a checkout burst from many kiosks at once with PostgreSQL stopped by
 * {@code pg_ctl stop -m immediate} in the middle of it and started again a few seconds later; in every other round
 * node-1 is killed with SIGKILL as well (alternately while the database is down and just after it is back) and
 * started again. After each round, once the load has stopped and the node is up: the checks of every scenario
 * ({@link Scenarios#ledgerChecks}), then {@code java -jar moral-bank.jar verify} against the database, which must
 * exit 0 (0 missing, 0 different); exit 3 (rows still being projected) is waited out and run again, bounded. A
 * difference is kept as evidence (verify's output, the household's events and view rows, the tokens, a pg_dump),
 * then repaired so that the next round starts clean.
 */
final class CrashRounds {
    static final int ROUNDS = Integer.parseInt(System.getenv().getOrDefault("FAULTS_ROUNDS", "20"));
    static final int KIOSKS = Integer.parseInt(System.getenv().getOrDefault("FAULTS_CRASH_THREADS", "12"));
    static final Duration BURST = Duration.ofSeconds(Long.parseLong(
            System.getenv().getOrDefault("FAULTS_CRASH_SECONDS", "14")));
    static final int DOWN_SECONDS = Integer.parseInt(System.getenv().getOrDefault("FAULTS_CRASH_DOWN_SECONDS", "6"));
    static final int CRASH_AT = 4;
    private static final Pattern SUMMARY = Pattern.compile(
            "([\\d,]+) missing, ([\\d,]+) different, ([\\d,]+) still being projected");
    private static final Pattern HOUSEHOLD = Pattern.compile("^DIFFERENT household\\s+(\\S+) ");
    private static final String PASSBOOK_LINES = "payload_type LIKE '%.Points%'";

    private final Scenarios scenarios;
    private final Load load;
    private final AppNode node;
    private final County county;
    private final String direct;
    private final Path jar;
    private final Map<String, String> appEnv;
    private final Path work;
    private final Map<String, String> tokens;

    CrashRounds(Scenarios scenarios, Load load, AppNode node, County county, String direct, Path jar,
                Map<String, String> appEnv, Path work, Map<String, String> tokens) {
        this.scenarios = scenarios;
        this.load = load;
        this.node = node;
        this.county = county;
        this.direct = direct;
        this.jar = jar;
        this.appEnv = appEnv;
        this.work = work;
        this.tokens = tokens;
    }

    /** Runs the rounds; {@code save} writes the report after each, so a run cut short still leaves its figures. */
    void run(Report report, Runnable save) throws Exception {
        load.resendWhileRefused = true;
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                report.addRound(round(round));
                save.run();
            }
        } finally {
            load.resendWhileRefused = false;
        }
    }

    private Report.Scenario round(int round) throws Exception {
        String id = String.format("f%02d", round);
        Report.Scenario r = new Report.Scenario(id);
        String kill = round % 2 == 0 ? (round % 4 == 2 ? "while PostgreSQL is down" : "2 s after PostgreSQL is back")
                : null;
        r.title = "checkout burst, PostgreSQL stopped -m immediate" + (kill == null ? "" : ", node-1 killed " + kill);
        r.killed = kill != null;
        System.out.printf("%s %s: %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), id, r.title);
        topUp(id);
        long started = System.nanoTime();
        double[] catchUp = {-1};
        Thread faulting = new Thread(() -> {
            try {
                fault(r, kill, started, catchUp);
            } catch (Exception e) {
                r.fault("the fault thread failed: " + e);
            }
        }, "fault-" + id);
        faulting.start();
        // 4 of 5 operations are kiosk checkouts, the rest credits that keep the households able to pay
        List<Load.Op> ops = load.run(id, List.of(node), KIOSKS, BURST, 1);
        faulting.join();
        r.count(ops);
        r.catchUpSeconds = catchUp[0];
        if (catchUp[0] < 0) {
            r.check("the passbook held every event committed before the restart within 180 s",
                    List.of("not caught up within 180 s of the restart"));
        }
        r.check("unanswered operations took effect at most once (before their retry)",
                scenarios.invariantsAtMostOnce(Scenarios.entries(ops, Load.Outcome.UNKNOWN)));
        scenarios.ledgerChecks(r, ops);
        if (round == 1 && System.getenv("FAULTS_CRASH_TAMPER") != null) {
            // a self-test of the evidence path: a view row made wrong by hand, which verify must find and repair
            String h = county.households().get(0).id();
            scenarios.sql("UPDATE account_balance SET balance = balance + 1, credited = credited + 1 "
                    + "WHERE household_id = '" + h + "'");
            r.fault("FAULTS_CRASH_TAMPER: account_balance of " + h + " raised by 1 point by hand before verify");
        }
        r.check("verify: 0 missing, 0 different (exit 0)", verify(r));
        r.seconds = (System.nanoTime() - started) / 1e9;
        System.out.println(r.line() + ", verify " + r.verify + ", caught up " + String.format("%.1f s", r.catchUpSeconds));
        return r;
    }

    /** Each household gets 100 points before the burst, so that checkouts are mostly paid, not refused. */
    private void topUp(String id) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        for (County.Household h : county.households()) {
            County.call(http, node.url(), tokens.get("hedong.admin"), "POST", "/api/households/" + h.id() + "/credits",
                    Load.json(Map.of("entryId", "faults-" + id + "-topup-" + h.id().substring(0, 8), "points", 100,
                            "reason", "故障演练补充积分")));
        }
    }

    /**
     * The round's faults, timed from the start of the burst; then the time from the last restart (PostgreSQL back,
     * or node-1 answering again) until the passbook holds every line-writing event committed before it.
     */
    private void fault(Report.Scenario r, String kill, long started, double[] catchUp) throws Exception {
        Scenarios.pause(CRASH_AT);
        Scenarios.shell("FAULTS_PG_STOP");
        r.fault(String.format("PostgreSQL stopped (-m immediate) at %.1f s", since(started)));
        if ("while PostgreSQL is down".equals(kill)) {
            Scenarios.pause(1);
            node.kill();
            r.fault(String.format("node-1 killed (SIGKILL) at %.1f s", since(started)));
            Scenarios.pause(DOWN_SECONDS - 1);
        } else {
            Scenarios.pause(DOWN_SECONDS);
        }
        Scenarios.shell("FAULTS_PG_START");
        long restarted = System.nanoTime();
        r.fault(String.format("PostgreSQL started again at %.1f s", since(started)));
        if (kill != null) {
            if (kill.startsWith("2 s")) {
                Scenarios.pause(2);
                node.kill();
                r.fault(String.format("node-1 killed (SIGKILL) at %.1f s", since(started)));
            }
            long t = System.nanoTime();
            node.start(Duration.ofMinutes(4));
            r.nodeStartSeconds = since(t);
            restarted = System.nanoTime();
            r.fault(String.format("node-1 started again, answering at %.1f s (%.1f s after its start)",
                    since(started), r.nodeStartSeconds));
        }
        long head = awaitNumber("SELECT coalesce(max(global_index), 0) FROM domain_event_entry WHERE " + households());
        String behind = "SELECT count(*) FROM domain_event_entry e WHERE e.global_index <= " + head + " AND "
                + households() + " AND e." + PASSBOOK_LINES
                + " AND NOT EXISTS (SELECT 1 FROM passbook_entry p WHERE p.event_id = e.event_identifier)";
        long deadline = restarted + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (scenarios.number(behind) == 0) {
                    catchUp[0] = since(restarted);
                    return;
                }
            } catch (Exception notYet) {
                // the database may still be starting
            }
            Thread.sleep(200);
        }
    }

    private String households() {
        StringJoiner in = new StringJoiner("', '", "aggregate_identifier IN ('", "')");
        county.households().forEach(h -> in.add(h.id()));
        return in.toString();
    }

    private long awaitNumber(String sql) throws Exception {
        for (int i = 0; ; i++) {
            try {
                return scenarios.number(sql);
            } catch (Exception notYet) {
                if (i > 100) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * {@code verify} against the database while node-1 runs: exit 0 passes; exit 3 is waited out (10 s) and run
     * again, up to 6 times; exit 1 keeps the evidence, repairs the households that differ and fails the round.
     */
    private List<String> verify(Report.Scenario r) throws Exception {
        List<String> violations = new ArrayList<>();
        for (int attempt = 1; attempt <= 6; attempt++) {
            Path out = work.resolve(r.id + "-verify-" + attempt + ".log");
            long t = System.nanoTime();
            int status = command(out, "verify");
            r.verifyRuns = attempt;
            r.verifySeconds = since(t);
            List<String> lines = Files.readAllLines(out);
            String summary = lines.stream().filter(l -> l.startsWith("Checked ")).findFirst().orElse("");
            Matcher m = SUMMARY.matcher(summary);
            r.verify = m.find()
                    ? String.format("exit %d: %s missing, %s different, %s unsettled", status, m.group(1), m.group(2),
                    m.group(3))
                    : "exit " + status + " (no summary; see " + out + ")";
            if (attempt > 1) {
                r.verify += " (run " + attempt + ")";
            }
            if (status == 0) {
                return violations;
            }
            if (status == 3) {
                Thread.sleep(10_000);
                continue;
            }
            violations.add(r.verify + ": " + lines.stream().filter(l -> l.startsWith("DIFFERENT")).limit(5).toList());
            if (status == 1) {
                keepEvidence(r, lines);
            }
            return violations;
        }
        violations.add("verify still found rows being projected after 6 runs: " + r.verify);
        return violations;
    }

    private int command(Path out, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx384m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().putAll(appEnv);
        builder.environment().put("MORALBANK_DEMO", "false");
        return builder.start().waitFor();
    }

    /**
     * Keeps what a bug hunt needs (docs/operations.md, "When verify finds a difference"): the differing households'
     * events and view rows, the tokens, a dump of the database; then repairs those households so later rounds
     * start from views equal to the ledger, and checks that verify agrees.
     */
    private void keepEvidence(Report.Scenario r, List<String> verifyLines) throws Exception {
        Set<String> households = new TreeSet<>();
        for (String line : verifyLines) {
            Matcher m = HOUSEHOLD.matcher(line);
            if (m.find()) {
                households.add(m.group(1));
            }
        }
        Path evidence = work.resolve(r.id + "-evidence.txt");
        StringBuilder text = new StringBuilder("verify output (without its progress bar):\n");
        verifyLines.stream().filter(l -> !l.contains("\r[") && !l.startsWith("\r")).forEach(l -> text.append(l).append('\n'));
        try (Connection c = DriverManager.getConnection(direct, "postgres", "")) {
            dump(c, text, "tokens", "SELECT processor_name, segment, convert_from(token, 'UTF8'), owner, timestamp "
                    + "FROM token_entry ORDER BY 1, 2");
            for (String h : households) {
                dump(c, text, "events of " + h, "SELECT global_index, sequence_number, payload_type, time_stamp, "
                        + "convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = '" + h
                        + "' ORDER BY sequence_number");
                dump(c, text, "passbook of " + h, "SELECT * FROM passbook_entry WHERE household_id = '" + h
                        + "' ORDER BY seq");
                dump(c, text, "balance of " + h, "SELECT * FROM account_balance WHERE household_id = '" + h + "'");
            }
        }
        Files.writeString(evidence, text);
        String dumpFile = work.resolve(r.id + ".dump").toString();
        Process p = new ProcessBuilder(System.getenv().getOrDefault("FAULTS_PG_BIN", "/usr/lib/postgresql/15/bin")
                + "/pg_dump", "-Fc", "-h", "127.0.0.1", "-p", System.getenv("FAULTS_PG_PORT"), "-U", "postgres",
                "-f", dumpFile, "moralbank").inheritIO().start();
        p.waitFor();
        r.fault("evidence kept: " + evidence + ", " + dumpFile + " and the round's lines of " + work + "/node-1.log");
        for (String h : households) {
            command(work.resolve(r.id + "-repair-" + h.substring(0, 8) + ".log"), "verify", "--repair", "household", h);
        }
        int after = command(work.resolve(r.id + "-verify-after-repair.log"), "verify");
        r.fault("households repaired with verify --repair household: " + households + "; verify then exited " + after);
    }

    private static void dump(Connection c, StringBuilder text, String title, String sql) throws Exception {
        text.append("\n").append(title).append(":\n");
        try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringJoiner row = new StringJoiner(" | ");
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(rs.getObject(i)));
                }
                text.append(row).append('\n');
            }
        }
    }

    private static double since(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
