package cn.moralbank.web.verify;

import cn.moralbank.web.verify.Difference.Area;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rankings against the event store: each household's row of the period ALL holds what the events of its account
 * say it earned and redeemed ({@link Facts.Household#earned}, {@link Facts.Household#redeemed}), together with the
 * accounts merged into it (合户: their rankings were handed on). A household merged away has no row; an account
 * without a registered household is not ranked. Periods other than ALL split the same entries by day, and region rows
 * sum household rows: they are not compared here.
 */
final class RankingCheck {
    /** What one household's row should hold, and the accounts whose events make it. */
    static final class Expected {
        long earned;
        long redeemed;
        final Map<String, Long> accounts = new HashMap<>();
    }

    private RankingCheck() {
    }

    /** Each ranked household's expected row, from the accounts' facts (before the household comparison uses them). */
    static Map<String, Expected> expect(Connection connection, Facts facts, String onlyHolder) throws SQLException {
        Set<String> registered = new HashSet<>();
        Map<String, String> mergedInto = new HashMap<>();
        EventScan.run(connection, "SELECT id FROM household", List.of(), rs -> registered.add(rs.getString(1)));
        EventScan.run(connection, "SELECT household_id, merged_into FROM household_merge", List.of(),
                rs -> mergedInto.put(rs.getString(1), rs.getString(2)));
        Map<String, Expected> expected = new HashMap<>();
        for (var account : facts.households.entrySet()) {
            if (!registered.contains(account.getKey())) {
                continue;
            }
            String id = account.getKey();
            long last = account.getValue().lastIndex;
            String holder = holder(id, mergedInto);
            if (onlyHolder == null || onlyHolder.equals(holder)) {
                Expected e = expected.computeIfAbsent(holder, k -> new Expected());
                e.earned += account.getValue().earned;
                e.redeemed += account.getValue().redeemed;
                e.accounts.put(id, last);
            }
            if (!holder.equals(id) && (onlyHolder == null || onlyHolder.equals(id))) {
                // merged away: no row of its own (nothing expected), once its closing was handled
                expected.computeIfAbsent(id, k -> new Expected()).accounts.put(id, last);
            }
        }
        return expected;
    }

    /** The accounts whose rankings a household holds: itself and every household merged into it, to any depth. */
    static List<String> accountsOf(Connection connection, String holder) throws SQLException {
        List<String> accounts = new ArrayList<>();
        EventScan.run(connection, """
                WITH RECURSIVE down (id, depth) AS (
                  SELECT CAST(? AS varchar), 0
                  UNION ALL SELECT m.household_id, down.depth + 1 FROM household_merge m JOIN down ON m.merged_into = down.id
                  WHERE down.depth < 100)
                SELECT id FROM down""", List.of(holder), rs -> accounts.add(rs.getString(1)));
        return accounts;
    }

    /** A row compared: the household, the accounts its row is made of (id to last event), what differs. */
    interface Visit {
        void row(String holder, Map<String, Long> accounts, List<Difference> differences) throws SQLException;
    }

    /** Compares the rankings' rows (all, or one household's) with what is expected, which it empties. */
    static void compare(Connection connection, String holder, Map<String, Expected> expected, Visit visit)
            throws SQLException {
        String where = holder == null ? "" : " AND household_id = ?";
        EventScan.run(connection, "SELECT household_id, earned, redeemed FROM ranking_household WHERE period = 'ALL'"
                + where, holder == null ? List.of() : List.of(holder), rs -> {
                    String id = rs.getString(1);
                    Expected e = expected.remove(id);
                    visit.row(id, e == null ? Map.of() : e.accounts,
                            differences(id, e, rs.getLong(2), rs.getLong(3)));
                });
        // no row: the household's entries counted nothing yet, or its row is missing
        for (var left : expected.entrySet()) {
            visit.row(left.getKey(), left.getValue().accounts, differences(left.getKey(), left.getValue(), 0, 0));
        }
        expected.clear();
    }

    private static List<Difference> differences(String id, Expected e, long earned, long redeemed) {
        List<Difference> out = new ArrayList<>();
        long wantEarned = e == null ? 0 : e.earned;
        long wantRedeemed = e == null ? 0 : e.redeemed;
        if (wantEarned != earned) {
            out.add(new Difference(Area.RANKING, id, "earned", String.valueOf(wantEarned), String.valueOf(earned),
                    null));
        }
        if (wantRedeemed != redeemed) {
            out.add(new Difference(Area.RANKING, id, "redeemed", String.valueOf(wantRedeemed),
                    String.valueOf(redeemed), null));
        }
        return out;
    }

    private static String holder(String account, Map<String, String> mergedInto) {
        String holder = account;
        for (int step = 0; step < 100 && mergedInto.containsKey(holder); step++) {
            holder = mergedInto.get(holder);
        }
        return holder;
    }
}
