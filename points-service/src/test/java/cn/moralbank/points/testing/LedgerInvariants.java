package cn.moralbank.points.testing;

import cn.moralbank.points.infra.axon.ProjectionProcessors;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's invariants checked straight on the tables after a fault (plain JDBC, so that ops/faults.sh uses the
 * same checks): every acknowledged entry id is in the event store exactly once; no debit took a balance below zero;
 * no aggregate's sequence has a hole; each read-model balance equals the balance its events give and the sum of
 * its totals. Each method answers the violations it found, as sentences; none found is an empty list.
 */
public final class LedgerInvariants {
    private static final String LEDGER_EVENTS = "payload_type LIKE '%.ledger.api.Points%' "
            + "OR payload_type LIKE '%.ledger.api.EntryReversed'";
    private static final String ENTRY_ID = "coalesce(convert_from(payload, 'UTF8')::jsonb -> 'entryId' ->> 'value', "
            + "convert_from(payload, 'UTF8')::jsonb -> 'reversalId' ->> 'value')";

    /** Opens a connection to the database under test. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;

    public LedgerInvariants(Connections connections) {
        this.connections = connections;
    }

    /** Each acknowledged ledger entry (entry id to household id) has exactly one event that applied it. */
    public List<String> acknowledgedOnce(Map<String, String> acknowledged) throws SQLException {
        return occurrences(acknowledged, 1, 1, "acknowledged entry");
    }

    /** An entry the ledger answered as refused (a debit beyond the balance) has no event that applied it. */
    public List<String> refusedNever(Map<String, String> refused) throws SQLException {
        return occurrences(refused, 0, 0, "refused entry");
    }

    /** An entry whose outcome the client never learnt took effect at most once. */
    public List<String> atMostOnce(Map<String, String> unknown) throws SQLException {
        return occurrences(unknown, 0, 1, "unanswered entry");
    }

    private List<String> occurrences(Map<String, String> entries, int min, int max, String what) throws SQLException {
        Map<String, Integer> found = new HashMap<>();
        query("SELECT aggregate_identifier || '/' || " + ENTRY_ID + ", count(*) FROM domain_event_entry WHERE "
                + LEDGER_EVENTS + " GROUP BY 1", rs -> found.put(rs.getString(1), rs.getInt(2)));
        List<String> violations = new ArrayList<>();
        entries.forEach((entry, household) -> {
            int n = found.getOrDefault(household + "/" + entry, 0);
            if (n < min || n > max) {
                violations.add(what + " " + entry + " of " + household + " is in the event store " + n + " times");
            }
        });
        return violations;
    }

    /** No debit leaves a balance below zero (a penalty may; a debit never). */
    public List<String> noOverdraft() throws SQLException {
        List<String> violations = new ArrayList<>();
        query("SELECT aggregate_identifier, sequence_number FROM domain_event_entry WHERE payload_type LIKE "
                + "'%.ledger.api.PointsDebited' AND (convert_from(payload, 'UTF8')::jsonb ->> 'balanceAfter')::bigint < 0",
                rs -> violations.add("debit at " + rs.getString(1) + "#" + rs.getLong(2) + " overdrew"));
        return violations;
    }

    /** Every aggregate's events are numbered 0, 1, 2 … without a hole or a repeat. */
    public List<String> sequencesWithoutHoles() throws SQLException {
        List<String> violations = new ArrayList<>();
        query("SELECT aggregate_identifier, min(sequence_number), max(sequence_number), count(*), "
                + "count(DISTINCT sequence_number) FROM domain_event_entry GROUP BY aggregate_identifier "
                + "HAVING min(sequence_number) <> 0 OR max(sequence_number) + 1 <> count(*) "
                + "OR count(DISTINCT sequence_number) <> count(*)",
                rs -> violations.add("aggregate " + rs.getString(1) + ": sequence " + rs.getLong(2) + ".."
                        + rs.getLong(3) + " in " + rs.getLong(4) + " events"));
        return violations;
    }

    /**
     * Each read-model balance equals its account's last balance in the event store, its totals add up to it, and
     * every account of the event store has a row. Call once the projection caught up ({@link #caughtUp()}).
     */
    public List<String> readModelEqualsEvents() throws SQLException {
        List<String> violations = new ArrayList<>();
        query("""
                WITH ledger AS (
                  SELECT aggregate_identifier AS household, sequence_number AS seq,
                         coalesce((convert_from(payload, 'UTF8')::jsonb ->> 'balanceAfter')::bigint,
                                  (convert_from(payload, 'UTF8')::jsonb ->> 'baseScore')::bigint) AS balance
                  FROM domain_event_entry
                  WHERE payload_type LIKE '%.ledger.api.%' AND payload_type NOT LIKE '%.ledger.api.DebitRefused'),
                last AS (SELECT DISTINCT ON (household) household, balance FROM ledger ORDER BY household, seq DESC)
                SELECT last.household, last.balance, b.balance, b.credited - b.penalised - b.debited + b.reversed
                FROM last LEFT JOIN account_balance b ON b.household_id = last.household
                WHERE b.balance IS NULL OR b.balance <> last.balance
                   OR b.credited - b.penalised - b.debited + b.reversed <> b.balance""",
                rs -> violations.add("household " + rs.getString(1) + ": events say " + rs.getLong(2)
                        + ", read model " + rs.getObject(3) + " (totals " + rs.getObject(4) + ")"));
        return violations;
    }

    /** True when the passbook projection has taken in every ledger event. */
    public boolean caughtUp() throws SQLException {
        long[] n = new long[2];
        query("SELECT (SELECT coalesce(sum(entries), 0) FROM account_balance), "
                + "(SELECT count(*) FROM domain_event_entry WHERE " + LEDGER_EVENTS + ")", rs -> {
            n[0] = rs.getLong(1);
            n[1] = rs.getLong(2);
        });
        return n[0] == n[1];
    }

    /** What {@link #caughtUp()} compares, and the passbook projection's tokens: for a test that waited in vain. */
    public String progress() throws SQLException {
        StringBuilder out = new StringBuilder();
        query("SELECT (SELECT coalesce(sum(entries), 0) FROM account_balance), "
                + "(SELECT count(*) FROM domain_event_entry WHERE " + LEDGER_EVENTS + "), "
                + "(SELECT max(global_index) FROM domain_event_entry), "
                + "(SELECT string_agg(segment || ' ' || coalesce(owner, '-') || ' ' || convert_from(token, 'UTF8'), '; ') "
                + "FROM token_entry WHERE processor_name = '" + ProjectionProcessors.LIVE + "')", rs -> out.append("entries ")
                .append(rs.getLong(1)).append(" of ").append(rs.getLong(2)).append(" ledger events; last position ")
                .append(rs.getLong(3)).append("; tokens ").append(rs.getString(4)));
        return out.toString();
    }

    /** The passbooks and balances as one comparable text each, to compare a live projection with a rebuilt one. */
    public List<String> passbookAndBalances() throws SQLException {
        List<String> texts = new ArrayList<>();
        query("SELECT (SELECT string_agg(event_id || ':' || household_id || ':' || seq || ':' || entry_id || ':' "
                + "|| points || ':' || balance_after, '|' ORDER BY household_id, seq) FROM passbook_entry), "
                + "(SELECT string_agg(household_id || ':' || balance || ':' || credited || ':' || penalised || ':' "
                + "|| debited || ':' || reversed || ':' || entries, '|' ORDER BY household_id) FROM account_balance)",
                rs -> {
                    texts.add(rs.getString(1));
                    texts.add(rs.getString(2));
                });
        return texts;
    }

    @FunctionalInterface
    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Row row) throws SQLException {
        try (Connection c = connections.open(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }
}
