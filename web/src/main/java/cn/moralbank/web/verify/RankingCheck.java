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
 * without a registered household is not ranked. Periods other than ALL split the same entries by day: they are not
 * compared with the store, but every region's rows, of every period, are compared with the rows they sum
 * ({@link #regions}).
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
                  UNION ALL SELECT m.household_id, down.depth + 1
                  FROM household_merge m JOIN down ON m.merged_into = down.id
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

    private static final String[] SUMS = {"earned", "credited", "penalised", "redeemed", "deeds", "participants"};

    /**
     * Each region's rows against what they are made of, in one snapshot: a grid's sums of every period against its
     * households' rows (participants: those with a good deed in the period), any other region's against its
     * children's; a grid's count of households against the households placed in it, any other's against its
     * children's. A batch or a move writes a household's rows and its regions' in one transaction, so a snapshot
     * holds them agreeing, however far the projection has got.
     */
    static List<List<Difference>> regions(Connection connection) throws SQLException {
        List<List<Difference>> out = new ArrayList<>();
        EventScan.run(connection, """
                WITH h AS (SELECT period, grid_id AS region_id, sum(earned) e, sum(credited) c, sum(penalised) p,
                             sum(redeemed) r, sum(deeds) d, count(*) FILTER (WHERE deeds > 0) n
                           FROM ranking_household GROUP BY 1, 2),
                     k AS (SELECT period, parent_id AS region_id, sum(earned) e, sum(credited) c, sum(penalised) p,
                             sum(redeemed) r, sum(deeds) d, sum(participants) n
                           FROM ranking_region WHERE parent_id IS NOT NULL GROUP BY 1, 2),
                     w AS (SELECT * FROM h UNION ALL SELECT * FROM k)
                SELECT coalesce(x.region_id, w.region_id), coalesce(x.period, w.period),
                  coalesce(w.e, 0), coalesce(w.c, 0), coalesce(w.p, 0), coalesce(w.r, 0), coalesce(w.d, 0),
                  coalesce(w.n, 0), coalesce(x.earned, 0), coalesce(x.credited, 0), coalesce(x.penalised, 0),
                  coalesce(x.redeemed, 0), coalesce(x.deeds, 0), coalesce(x.participants, 0)
                FROM ranking_region x FULL JOIN w ON w.region_id = x.region_id AND w.period = x.period
                WHERE (coalesce(w.e, 0), coalesce(w.c, 0), coalesce(w.p, 0), coalesce(w.r, 0), coalesce(w.d, 0),
                       coalesce(w.n, 0))
                  IS DISTINCT FROM (coalesce(x.earned, 0), coalesce(x.credited, 0), coalesce(x.penalised, 0),
                       coalesce(x.redeemed, 0), coalesce(x.deeds, 0), coalesce(x.participants, 0))
                ORDER BY 1, 2 LIMIT 1000""", List.of(), rs -> {
                    String subject = "region:" + rs.getLong(1) + ":" + rs.getString(2);
                    List<Difference> row = new ArrayList<>();
                    for (int i = 0; i < SUMS.length; i++) {
                        long want = rs.getLong(3 + i);
                        long have = rs.getLong(3 + SUMS.length + i);
                        if (want != have) {
                            row.add(new Difference(Area.RANKING, subject, SUMS[i], String.valueOf(want),
                                    String.valueOf(have), null));
                        }
                    }
                    out.add(row);
                });
        EventScan.run(connection, """
                WITH w AS (SELECT grid_id AS region_id, count(*) n FROM ranking_household_place GROUP BY 1
                           UNION ALL
                           SELECT parent_id, sum(households) FROM ranking_region_size WHERE parent_id IS NOT NULL
                           GROUP BY 1)
                SELECT coalesce(x.region_id, w.region_id), coalesce(w.n, 0), coalesce(x.households, 0)
                FROM ranking_region_size x FULL JOIN w ON w.region_id = x.region_id
                WHERE coalesce(w.n, 0) <> coalesce(x.households, 0)
                ORDER BY 1 LIMIT 1000""", List.of(), rs -> out.add(List.of(new Difference(Area.RANKING,
                "region:" + rs.getLong(1), "households", String.valueOf(rs.getLong(2)),
                String.valueOf(rs.getLong(3)), null))));
        return out;
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
