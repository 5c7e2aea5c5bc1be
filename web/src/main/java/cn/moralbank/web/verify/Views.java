package cn.moralbank.web.verify;

import cn.moralbank.web.verify.Difference.Area;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the projections (all of a kind, streamed, or one aggregate's rows) and compares each row with what the
 * events say ({@link Facts}): a household's balance, totals, entries and passbook (lines and their points), a stock
 * row's seven counters, a voucher's status, owner, points and last applied event.
 */
final class Views {
    private static final String HOUSEHOLDS = """
            SELECT coalesce(b.household_id, p.household_id), b.balance, b.credited, b.penalised, b.debited,
              b.reversed, b.entries, coalesce(p.lines, 0), coalesce(p.points, 0), b.household_id IS NOT NULL
            FROM (SELECT * FROM account_balance WHERE :where) b
            FULL JOIN (SELECT household_id, count(*) AS lines, sum(points) AS points FROM passbook_entry
                       WHERE :where GROUP BY household_id) p ON p.household_id = b.household_id""";
    private static final String STOCK = """
            SELECT supermarket_id, product_id, on_hand, reserved, donated, sold, returned, written_off, counted_change
            FROM stock_level WHERE :where""";
    private static final String VOUCHERS = "SELECT serial, household_id, points, status, seq FROM voucher_view "
            + "WHERE :where";

    private Views() {
    }

    interface Visit {
        void row(String key, long lastIndex, List<Difference> differences) throws SQLException;
    }

    /** Households' views; {@code household} null for all of them. */
    static void households(Connection connection, String household, Facts facts, Visit visit) throws SQLException {
        String where = household == null ? "true" : "household_id = ?";
        List<Object> args = household == null ? List.of() : List.of(household, household);
        EventScan.run(connection, HOUSEHOLDS.replace(":where", where), args, rs -> {
            String id = rs.getString(1);
            Facts.Household f = facts.households.remove(id);
            visit.row(id, f == null ? -1 : f.lastIndex, compare(id, f, rs));
        });
    }

    static List<Difference> compare(String id, Facts.Household f, ResultSet rs) throws SQLException {
        List<Difference> out = new ArrayList<>();
        boolean balanceRow = rs != null && rs.getBoolean(10);
        if (f == null) {
            out.add(new Difference(Area.HOUSEHOLD, id, Difference.ROW, Difference.ABSENT, "present", null));
            return out;
        }
        if (!balanceRow) {
            out.add(new Difference(Area.HOUSEHOLD, id, Difference.ROW, "present", Difference.ABSENT, null));
            return out;
        }
        field(out, Area.HOUSEHOLD, id, "balance", f.balance, rs.getLong(2));
        field(out, Area.HOUSEHOLD, id, "credited", f.credited, rs.getLong(3));
        field(out, Area.HOUSEHOLD, id, "penalised", f.penalised, rs.getLong(4));
        field(out, Area.HOUSEHOLD, id, "debited", f.debited, rs.getLong(5));
        field(out, Area.HOUSEHOLD, id, "reversed", f.reversed, rs.getLong(6));
        field(out, Area.HOUSEHOLD, id, "entries", f.entries, rs.getLong(7));
        field(out, Area.HOUSEHOLD, id, "passbook.lines", f.lines, rs.getLong(8));
        field(out, Area.HOUSEHOLD, id, "passbook.points", f.linePoints, rs.getLong(9));
        return out;
    }

    /** Stock rows; {@code shop} null for every supermarket. */
    static void stock(Connection connection, Long shop, Facts facts, Visit visit) throws SQLException {
        EventScan.run(connection, STOCK.replace(":where", shop == null ? "true" : "supermarket_id = ?"),
                shop == null ? List.of() : List.of(shop), rs -> {
                    String key = Facts.Stock.key(rs.getLong(1), rs.getLong(2));
                    Facts.Stock f = facts.stock.remove(key);
                    visit.row(key, f == null ? -1 : f.lastIndex, compare(key, f, rs));
                });
    }

    static List<Difference> compare(String key, Facts.Stock f, ResultSet rs) throws SQLException {
        List<Difference> out = new ArrayList<>();
        if (rs == null) {
            out.add(new Difference(Area.STOCK, key, Difference.ROW, "present", Difference.ABSENT, null));
            return out;
        }
        for (int i = 0; i < Facts.Stock.FIELDS.length; i++) {
            // a row the ledger has no events for must hold zeros (a product's row is made by its first event)
            field(out, Area.STOCK, key, Facts.Stock.FIELDS[i], f == null ? 0 : f.sums[i], rs.getLong(3 + i));
        }
        return out;
    }

    /** Voucher rows; {@code serial} null for every voucher. */
    static void vouchers(Connection connection, String serial, Facts facts, Visit visit) throws SQLException {
        EventScan.run(connection, VOUCHERS.replace(":where", serial == null ? "true" : "serial = ?"),
                serial == null ? List.of() : List.of(serial), rs -> {
                    String id = rs.getString(1);
                    Facts.Voucher f = facts.vouchers.remove(id);
                    visit.row(id, f == null ? -1 : f.lastIndex, compare(id, f, rs));
                });
    }

    static List<Difference> compare(String serial, Facts.Voucher f, ResultSet rs) throws SQLException {
        List<Difference> out = new ArrayList<>();
        if (f == null || f.household == null) {
            out.add(new Difference(Area.VOUCHER, serial, Difference.ROW, Difference.ABSENT, "present", null));
            return out;
        }
        if (rs == null) {
            out.add(new Difference(Area.VOUCHER, serial, Difference.ROW, "present", Difference.ABSENT, null));
            return out;
        }
        text(out, serial, "status", f.status, rs.getString(4));
        text(out, serial, "household", f.household, rs.getString(2));
        field(out, Area.VOUCHER, serial, "points", f.points, rs.getLong(3));
        field(out, Area.VOUCHER, serial, "seq", f.lastSeq, rs.getLong(5));
        return out;
    }

    private static void field(List<Difference> out, Area area, String id, String field, long ledger, long view) {
        if (ledger != view) {
            out.add(new Difference(area, id, field, Long.toString(ledger), Long.toString(view), null));
        }
    }

    private static void text(List<Difference> out, String id, String field, String ledger, String view) {
        if (!Objects.equals(ledger, view)) {
            out.add(new Difference(Area.VOUCHER, id, field, ledger, view, null));
        }
    }
}
