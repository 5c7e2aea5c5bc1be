package cn.moralbank.web.bench;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rebuilds every projection with the product's own replay command, and counts what it cost: events per second, and
 * the token store's writes (from PostgreSQL's own statistics) against the events processed.
 */
final class Replay {
    private static final Pattern DONE = Pattern.compile("Done in ([0-9.]+) s");
    private static final Pattern REBUILDING = Pattern.compile("Rebuilding (\\S+) from ([0-9,]+) events");

    record Result(long events, int processors, double seconds, long tokenWrites) {
        double eventsPerSecond() {
            return events / seconds;
        }

        /** Token writes per event processed (the rebuild reads each event once for every projection). */
        double tokenWriteShare() {
            return tokenWrites / (double) Math.max(1, events);
        }
    }

    private Replay() {
    }

    static Result run(Bench.Options o, Db db, Path log) throws Exception {
        long before = tokenWrites(db);
        String output = Jar.run(o, db, log, "replay");
        Thread.sleep(1500); // PostgreSQL publishes table statistics within a second of a transaction's end
        long writes = tokenWrites(db) - before;
        Matcher done = DONE.matcher(output);
        Matcher rebuilding = REBUILDING.matcher(output);
        long events = 0;
        int processors = 0;
        while (rebuilding.find()) {
            processors++;
            events = Long.parseLong(rebuilding.group(2).replace(",", ""));
        }
        if (!done.find()) {
            throw new IllegalStateException("replay printed no time; see " + log);
        }
        checkComplete(db);
        Result result = new Result(events, processors, Double.parseDouble(done.group(1)), writes);
        System.out.printf("%n  replay: %,d events x %d projections in %.1f s: %,.0f events/s, %,d token writes%n",
                events, processors, result.seconds(), result.eventsPerSecond(), writes);
        return result;
    }

    /** Every household account in the store has its balance rebuilt: a replay that skipped some is no figure. */
    private static void checkComplete(Db db) throws SQLException {
        try (var c = DriverManager.getConnection(db.url(), db.user(), db.password()); var s = c.createStatement();
             var r = s.executeQuery("select (select count(*) from domain_event_entry where type = 'HouseholdAccount' "
                     + "and sequence_number = 0), (select count(*) from account_balance)")) {
            r.next();
            if (r.getLong(1) != r.getLong(2)) {
                throw new IllegalStateException("the replay rebuilt " + r.getLong(2) + " balances of "
                        + r.getLong(1) + " accounts");
            }
            System.out.printf("  every account's balance rebuilt (%,d)%n", r.getLong(2));
        }
    }

    private static long tokenWrites(Db db) throws SQLException {
        try (var c = DriverManager.getConnection(db.url(), db.user(), db.password()); var s = c.createStatement();
             var r = s.executeQuery("select coalesce(sum(n_tup_ins + n_tup_upd), 0) from pg_stat_user_tables "
                     + "where relname = 'token_entry'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
