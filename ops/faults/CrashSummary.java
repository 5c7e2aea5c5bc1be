import java.util.*;

/** Scenario f's rounds added up for docs/faults-report.md: operations, faults, verify's results, catch-up times. */
record CrashSummary(int rounds, int tried, int applied, int refused, int unanswered, int answeredOnRetry,
                    int stillUnanswered, int crashes, int kills, int verifyClean, int verifyCleanAfterWaiting,
                    int verifyDifferent, int violations, double catchUpMedian, double catchUpWorst,
                    int notCaughtUp, double nodeStartMedian, double nodeStartWorst, double verifySecondsMedian) {

    static CrashSummary of(List<Report.Scenario> rounds) {
        int tried = 0, applied = 0, refused = 0, unanswered = 0, onRetry = 0, still = 0, kills = 0, clean = 0,
                cleanLater = 0, different = 0, violations = 0, notCaughtUp = 0;
        List<Double> catchUp = new ArrayList<>(), nodeStart = new ArrayList<>(), verify = new ArrayList<>();
        for (Report.Scenario r : rounds) {
            tried += r.tried;
            applied += r.applied;
            refused += r.refused;
            unanswered += r.unanswered;
            onRetry += r.answeredOnRetry;
            still += r.stillUnanswered;
            kills += r.killed ? 1 : 0;
            violations += r.violations();
            if (r.verify.startsWith("exit 0")) {
                if (r.verifyRuns == 1) {
                    clean++;
                } else {
                    cleanLater++;
                }
            } else {
                different++;
            }
            if (r.catchUpSeconds >= 0) {
                catchUp.add(r.catchUpSeconds);
            } else {
                notCaughtUp++;
            }
            if (r.nodeStartSeconds >= 0) {
                nodeStart.add(r.nodeStartSeconds);
            }
            verify.add(r.verifySeconds);
        }
        return new CrashSummary(rounds.size(), tried, applied, refused, unanswered, onRetry, still, rounds.size(),
                kills, clean, cleanLater, different, violations, median(catchUp), max(catchUp), notCaughtUp,
                median(nodeStart), max(nodeStart), median(verify));
    }

    String line() {
        return String.format("f: %d rounds, %d tried, %d applied, %d crashes, %d kills; verify clean in %d rounds "
                        + "(%d after waiting), differences in %d; caught up after restart median %.1f s, worst %.1f s; "
                        + "%d violations", rounds, tried, applied, crashes, kills, verifyClean + verifyCleanAfterWaiting,
                verifyCleanAfterWaiting, verifyDifferent, catchUpMedian, catchUpWorst, violations);
    }

    String tableRow() {
        return String.format("| f (%d crash rounds) | %d | %d | %d | %d | %d | %d | %d |%n", rounds, tried, applied,
                refused, unanswered, answeredOnRetry, stillUnanswered, violations);
    }

    String markdown(List<Report.Scenario> list) {
        StringBuilder md = new StringBuilder();
        md.append("\n## f: crash rounds: checkout bursts with PostgreSQL stopped `-m immediate`, node-1 killed "
                + "(SIGKILL) in every other round, `verify` after each\n\n");
        md.append(String.format("Each round: every household topped up with 100 points, then %d kiosk threads for "
                        + "%d s (4 of 5 operations checkouts, 1 of 5 credits) on node-1; PostgreSQL stopped with "
                        + "`pg_ctl stop -m immediate` %d s into the burst and started again %d s later; in even rounds "
                        + "node-1 killed with SIGKILL as well (rounds 2, 6, 10 … while the database is down, rounds 4, "
                        + "8, 12 … 2 s after it is back) and started again. Then the unanswered operations are retried "
                        + "once with the same id, the checks of every scenario run, and `java -jar moral-bank.jar "
                        + "verify` compares every view with the event store while node-1 runs (exit 3, rows still "
                        + "being projected, is waited out 10 s and run again, at most 6 runs).%n%n",
                CrashRounds.KIOSKS, CrashRounds.BURST.toSeconds(), CrashRounds.CRASH_AT, CrashRounds.DOWN_SECONDS));
        md.append(String.format("* rounds: %d; operations tried %d, acknowledged (applied) %d, refused %d, unanswered "
                        + "%d (%d answered when retried, %d still unanswered)%n", rounds, tried, applied, refused,
                unanswered, answeredOnRetry, stillUnanswered));
        md.append(String.format("* faults: %d PostgreSQL crashes (`-m immediate`), %d SIGKILLs of node-1%n", crashes,
                kills));
        md.append(String.format("* verify: 0 missing and 0 different in %d of %d rounds (%d at the first run, %d after "
                        + "waiting for rows still being projected); differences or no clean result in %d; a verify "
                        + "run took %.0f s (median, a JVM of its own)%n", verifyClean + verifyCleanAfterWaiting,
                rounds, verifyClean, verifyCleanAfterWaiting, verifyDifferent, verifySecondsMedian));
        md.append(String.format("* time from the last restart (PostgreSQL back, or node-1 answering again) until the "
                        + "passbook held every line-writing event of the eight households committed before it: median "
                        + "%.1f s, worst %.1f s%s%n", catchUpMedian, catchUpWorst,
                notCaughtUp == 0 ? "" : " (" + notCaughtUp + " rounds not caught up within 180 s)"));
        if (!Double.isNaN(nodeStartMedian)) {
            md.append(String.format("* node-1 answering after its restart: median %.1f s, worst %.1f s%n",
                    nodeStartMedian, nodeStartWorst));
        }
        md.append(String.format("* invariant violations: **%d**%n%n", violations));
        md.append("| round | faults | tried | applied | refused | unanswered (answered on retry) | caught up after "
                + "restart | verify | violations |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Report.Scenario r : list) {
            md.append(String.format("| %s | %s | %d | %d | %d | %d (%d) | %s | %s | %d |%n", r.id,
                    String.join("; ", r.faults).replace("|", "/"), r.tried, r.applied, r.refused, r.unanswered,
                    r.answeredOnRetry, r.catchUpSeconds < 0 ? "not within 180 s"
                            : String.format("%.1f s", r.catchUpSeconds), r.verify, r.violations()));
        }
        md.append("\n| invariant checked (every round) | violations, all rounds |\n|---|---|\n");
        Map<String, List<String>> checks = new LinkedHashMap<>();
        for (Report.Scenario r : list) {
            for (String[] c : r.checks) {
                List<String> found = checks.computeIfAbsent(c[0], k -> new ArrayList<>());
                if (!c[1].equals("0")) {
                    found.add(r.id + " (" + c[1] + "): " + c[2]);
                }
            }
        }
        checks.forEach((name, found) -> md.append("| ").append(name).append(" | ").append(found.size())
                .append(found.isEmpty() ? "" : " rounds — " + String.join("; ", found).replace("|", "/"))
                .append(" |\n"));
        return md.toString();
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
