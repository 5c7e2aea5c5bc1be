package cn.moralbank.web.bench;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * What the ledger booked for checkouts after a position of the event store, read from the events themselves (not a
 * projection that may lag): how many debits, whether any entry id was debited twice, and the lowest balance any
 * debit left. Two nodes serving kiosks on the same households must show each debit once and no balance below zero.
 */
record DebitAudit(long debits, long distinctEntries, long refused, long lowestBalanceAfter) {
    private static final String DEBITED = "cn.moralbank.points.ledger.api.PointsDebited";
    private static final String REFUSED = "cn.moralbank.points.ledger.api.DebitRefused";

    /** The store's highest position (a position, not a count: positions are transaction ids shifted, ADR 0007). */
    static long head(Db db) throws SQLException {
        try (var c = DriverManager.getConnection(db.url(), db.user(), db.password()); var s = c.createStatement();
             var r = s.executeQuery("select coalesce(max(global_index), 0) from domain_event_entry")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** How many events the store holds. */
    static long count(Db db) throws SQLException {
        try (var c = DriverManager.getConnection(db.url(), db.user(), db.password()); var s = c.createStatement();
             var r = s.executeQuery("select count(*) from domain_event_entry")) {
            r.next();
            return r.getLong(1);
        }
    }

    static DebitAudit since(Db db, long position) throws SQLException {
        try (var c = DriverManager.getConnection(db.url(), db.user(), db.password()); var s = c.prepareStatement("""
                select count(*) filter (where payload_type = ?),
                       count(distinct aggregate_identifier || ' ' || (convert_from(payload, 'UTF8')::json #>> '{entryId,value}'))
                           filter (where payload_type = ?),
                       count(*) filter (where payload_type = ?),
                       coalesce(min((convert_from(payload, 'UTF8')::json ->> 'balanceAfter')::bigint)
                           filter (where payload_type = ?), 0)
                from domain_event_entry where global_index > ? and payload_type in (?, ?)""")) {
            s.setString(1, DEBITED);
            s.setString(2, DEBITED);
            s.setString(3, REFUSED);
            s.setString(4, DEBITED);
            s.setLong(5, position);
            s.setString(6, DEBITED);
            s.setString(7, REFUSED);
            try (var r = s.executeQuery()) {
                r.next();
                return new DebitAudit(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4));
            }
        }
    }

    boolean sound() {
        return debits == distinctEntries && lowestBalanceAfter >= 0;
    }

    String line() {
        return String.format("%,d debits booked, %s, lowest balance left %,d, %,d refused for want of points: %s",
                debits, debits == distinctEntries ? "each once" : (debits - distinctEntries) + " booked twice",
                lowestBalanceAfter, refused, sound() ? "no overdraft, nothing doubled" : "**VIOLATED**");
    }
}
