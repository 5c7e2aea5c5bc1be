import cn.moralbank.points.testing.LedgerInvariants;
import cn.moralbank.points.testing.ProjectionTokens;
import cn.moralbank.points.testing.TcpProxy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.Callable;

/** The five scenarios: load, one fault in the middle of it, the retries of what went unanswered, the checks. */
final class Scenarios {
    private final Load load;
    private final LedgerInvariants invariants;
    private final TcpProxy proxy;
    private final AppNode node1, node2;
    private final County county;
    private final String direct;

    Scenarios(Load load, LedgerInvariants invariants, TcpProxy proxy, AppNode node1, AppNode node2, County county,
              String direct) {
        this.load = load;
        this.invariants = invariants;
        this.proxy = proxy;
        this.node1 = node1;
        this.node2 = node2;
        this.county = county;
        this.direct = direct;
    }

    Report.Scenario scenario(String id) throws Exception {
        Report.Scenario r = new Report.Scenario(id);
        List<AppNode> nodes = List.of(node1);
        Runnable fault;
        Poison poison = null;
        switch (id) {
            case "a" -> {
                r.title = "PostgreSQL stopped with `pg_ctl stop -m immediate` mid-load, started again 5 s later";
                fault = () -> {
                    pause(4);
                    shell("FAULTS_PG_STOP");
                    r.fault("PostgreSQL stopped (-m immediate) at 4 s");
                    pause(5);
                    shell("FAULTS_PG_START");
                    r.fault("PostgreSQL started again at 9 s");
                };
            }
            case "b" -> {
                r.title = "the application killed with SIGKILL mid-load and started again";
                fault = () -> {
                    pause(4);
                    try {
                        node1.kill();
                        r.fault("node-1 killed (SIGKILL) at 4 s");
                        long t = System.nanoTime();
                        node1.start(Duration.ofMinutes(3));
                        r.fault(String.format("node-1 started again, answering after %.0f s", (System.nanoTime() - t) / 1e9));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
            }
            case "c" -> {
                r.title = "every database connection cut mid-transaction (TCP proxy between application and PostgreSQL)";
                fault = () -> {
                    for (int s = 4; s <= 14; s += 5) {
                        pause(s == 4 ? 4 : 5);
                        r.fault("cut all " + proxy.cutAll() + " open database connections at " + s + " s");
                    }
                };
            }
            case "d" -> {
                r.title = "two application nodes on one PostgreSQL racing on the same eight households";
                node2.start(Duration.ofMinutes(3));
                r.fault("node-2 started on the same database; requests alternate between the nodes");
                nodes = List.of(node1, node2);
                fault = () -> { };
            }
            case "e" -> {
                r.title = "a poison event: the passbook write of one household fails (trigger), then the cause is removed "
                        + "and the dead letter retried";
                poison = new Poison(county.households().get(0).id());
                poison.install();
                r.fault("passbook writes for household " + poison.household + " fail (trigger raising an exception)");
                fault = () -> { };
            }
            default -> throw new IllegalArgumentException("scenario " + id + ": a, b, c, d or e");
        }
        long started = System.nanoTime();
        Thread faulting = new Thread(fault, "fault-" + id);
        faulting.start();
        List<Load.Op> ops = load.run(id, nodes, Faults.THREADS, Faults.LOAD);
        faulting.join();
        r.count(ops);
        Map<String, String> unanswered = entries(ops, Load.Outcome.UNKNOWN);
        r.check("unanswered operations took effect at most once (before their retry)", invariants.atMostOnce(unanswered));
        if (poison != null) {
            r.check("the poison events are parked as dead letters, nothing of them on the passbook", poison.parked());
            r.check("the other households' passbooks moved on meanwhile", poison.othersMovedOn());
            poison.remove();
            r.fault("trigger removed; the county office retries the dead letter (POST /api/ops/dead-letters/{id}/retry)");
            r.check("the retried dead letter went through and the household's passbook caught up", poison.retried(node1));
        }
        if ("d".equals(id)) {
            node2.stop();
        }
        ledgerChecks(r, ops);
        r.seconds = (System.nanoTime() - started) / 1e9;
        System.out.println(r.line());
        return r;
    }

    /**
     * What every scenario checks once its load has stopped: the unanswered operations retried once on node-1, then
     * each acknowledged operation in the store exactly once, refused ones never, no overdraft, no sequence hole, no
     * checkout left half-way, the passbook caught up by itself and every read-model balance equal to its events.
     */
    void ledgerChecks(Report.Scenario r, List<Load.Op> ops) throws Exception {
        load.retryUnknown(ops, node1);
        r.retried(ops);
        r.check("answered operations are in the event store exactly once", invariants.acknowledgedOnce(entries(ops, Load.Outcome.APPLIED)));
        r.check("refused operations took no points", invariants.refusedNever(entries(ops, Load.Outcome.REFUSED)));
        r.check("operations still unanswered after their retry took effect at most once", invariants.atMostOnce(entries(ops, Load.Outcome.UNKNOWN)));
        r.check("no debit overdrew a household", invariants.noOverdraft());
        r.check("no aggregate's sequence has a hole", invariants.sequencesWithoutHoles());
        r.check("no checkout left half-way (the recovery job finishes them)", awaitViolation(
                "checkouts left STARTED", Duration.ofSeconds(90), () -> startedCheckouts() == 0));
        r.check("the passbook projection caught up by itself", awaitViolation(
                "the projection to catch up", Duration.ofSeconds(120), invariants::caughtUp));
        r.check("every read-model balance equals its events", invariants.readModelEqualsEvents());
    }

    List<String> invariantsAtMostOnce(Map<String, String> unanswered) throws Exception {
        return invariants.atMostOnce(unanswered);
    }

    static Map<String, String> entries(List<Load.Op> ops, Load.Outcome outcome) {
        Map<String, String> entries = new HashMap<>();
        for (Load.Op op : ops) {
            if (op.outcome == outcome) {
                entries.put(op.entryId, op.household);
            }
        }
        return entries;
    }

    long startedCheckouts() throws Exception {
        try (Connection c = DriverManager.getConnection(direct, "postgres", ""); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM checkout WHERE status = 'STARTED'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Scenario e's fault: the passbook projection's write for one household raises (SQL state P0001, not transient),
     * so that household's events cannot be handled: the first is parked as a dead letter, the later ones wait behind
     * it, every other household goes on. Then the trigger is dropped and the county office retries the letter.
     */
    final class Poison {
        final String household;
        private long headBefore;
        private long linesBefore;
        private long installedAt;

        Poison(String household) {
            this.household = household;
        }

        void install() throws Exception {
            sql("CREATE SEQUENCE IF NOT EXISTS faults_attempts");
            sql("""
                    CREATE OR REPLACE FUNCTION faults_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      PERFORM nextval('faults_attempts');
                      RAISE EXCEPTION 'injected fault: passbook write for %', NEW.household_id;
                    END $$""");
            sql("CREATE TRIGGER faults_poison BEFORE INSERT ON passbook_entry FOR EACH ROW WHEN (NEW.household_id = '"
                    + household + "') EXECUTE FUNCTION faults_poison()");
            headBefore = number("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
            linesBefore = number("SELECT count(*) FROM passbook_entry WHERE household_id = '" + household + "'");
            installedAt = System.nanoTime();
        }

        List<String> parked() throws Exception {
            List<String> violations = new ArrayList<>();
            String since = "aggregate_identifier = '" + household + "' AND global_index > " + headBefore;
            long firstFailing = number("SELECT coalesce(min(global_index), -1) FROM domain_event_entry WHERE " + since);
            long events = number("SELECT count(*) FROM domain_event_entry WHERE " + since);
            if (firstFailing < 0) {
                violations.add("the load booked nothing for the poisoned household: nothing was tested");
                return violations;
            }
            String letters = "SELECT count(*) FROM dead_letter_entry WHERE processing_group = 'ledger-passbook' "
                    + "AND sequence_identifier = '" + household + "'";
            violations.addAll(awaitViolation("all " + events + " events of the household parked", Duration.ofSeconds(90),
                    () -> number(letters) == events));
            double parkedAfter = (System.nanoTime() - installedAt) / 1e9;
            if (number(letters + " AND cause_message LIKE '%injected fault%'") != 1) {
                violations.add("no dead letter with the injected error, or more than one");
            }
            long lines = number("SELECT count(*) FROM passbook_entry WHERE household_id = '" + household + "'");
            if (lines != linesBefore) {
                violations.add("passbook lines of the poisoned household went from " + linesBefore + " to " + lines);
            }
            long last = number("SELECT max(global_index) FROM domain_event_entry WHERE " + since);
            long position = new ProjectionTokens(pool(), "projections").positionFor(household);
            if (position < last) {
                violations.add("the household's segment is stuck at " + position + ", before its last event " + last);
            }
            long attempts = number("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM faults_attempts");
            System.out.printf("e: %d events of the household parked (1 failed, %d waiting behind it) within %.0f s of "
                            + "the fault; its segment went on to %d (past %d); the trigger fired %d times%n",
                    number(letters), number(letters) - 1, parkedAfter, position, last, attempts);
            return violations;
        }

        /** Every line-writing event of the other households since the fault is on the passbook. */
        List<String> othersMovedOn() {
            String missing = "SELECT count(*) FROM domain_event_entry e WHERE e.global_index > " + headBefore
                    + " AND e.aggregate_identifier <> '" + household + "' AND e.payload_type LIKE '%.Points%' "
                    + "AND NOT EXISTS (SELECT 1 FROM passbook_entry p WHERE p.event_id = e.event_identifier)";
            return awaitViolation("every other household's passbook to hold its events", Duration.ofSeconds(60),
                    () -> number(missing) == 0);
        }

        void remove() throws Exception {
            sql("DROP TRIGGER faults_poison ON passbook_entry");
        }

        List<String> retried(AppNode node) throws Exception {
            var http = java.net.http.HttpClient.newHttpClient();
            String token = County.signIn(node.url(), "wenmingban").get("wenmingban");
            String id = null;
            for (var letter : Load.JSON.readTree(County.call(http, node.url(), token, "GET", "/api/ops/dead-letters",
                    ""))) {
                if (letter.path("aggregateId").asText().equals(household)) {
                    id = letter.path("id").asText();
                }
            }
            if (id == null) {
                return List.of("the county office's dead-letter list does not show the household");
            }
            long began = System.nanoTime();
            var answer = Load.JSON.readTree(County.call(http, node.url(), token, "POST",
                    "/api/ops/dead-letters/" + id + "/retry", ""));
            double millis = (System.nanoTime() - began) / 1e6;
            List<String> violations = new ArrayList<>();
            if (!answer.path("outcome").asText().equals("PROCESSED")) {
                violations.add("the retry answered " + answer);
            }
            long left = number("SELECT count(*) FROM dead_letter_entry WHERE sequence_identifier = '" + household + "'");
            long missing = number("SELECT count(*) FROM domain_event_entry e WHERE e.aggregate_identifier = '"
                    + household + "' AND e.payload_type LIKE '%.Points%' "
                    + "AND NOT EXISTS (SELECT 1 FROM passbook_entry p WHERE p.event_id = e.event_identifier)");
            if (left != 0 || missing != 0) {
                violations.add(left + " dead letters left, " + missing + " events of the household not on its passbook");
            }
            long audited = number("SELECT count(*) FROM dead_letter_action WHERE action = 'RETRY' AND outcome = "
                    + "'PROCESSED' AND actor_user = 'wenmingban' AND sequence_identifier = '" + household + "'");
            if (audited != 1) {
                violations.add("the retry was audited " + audited + " times");
            }
            System.out.printf("e: retry answered %s in %.0f ms; %d dead letters left%n", answer.path("outcome").asText(),
                    millis, left);
            return violations;
        }
    }

    private javax.sql.DataSource pool() {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(direct);
        ds.setUser("postgres");
        return ds;
    }

    void sql(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(direct, "postgres", ""); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long number(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(direct, "postgres", ""); var s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void await(String what, Duration patience, Callable<Boolean> condition) throws Exception {
        List<String> v = awaitViolation(what, patience, condition);
        if (!v.isEmpty()) {
            throw new IllegalStateException(v.get(0));
        }
    }

    static List<String> awaitViolation(String what, Duration patience, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.call()) {
                    return List.of();
                }
            } catch (Exception notYet) {
                // the database may still be coming back
            }
            pause(1);
        }
        return List.of("waited " + patience.toSeconds() + " s for " + what);
    }

    static void pause(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void shell(String variable) {
        try {
            Process p = new ProcessBuilder("bash", "-c", System.getenv(variable)).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(variable + " failed");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
