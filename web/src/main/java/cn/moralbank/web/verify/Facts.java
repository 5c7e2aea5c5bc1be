package cn.moralbank.web.verify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the events say, per household, per supermarket and product, per voucher: sums that add up over chunks of the
 * event store, and the last event's values (the one with the highest sequence number wins). One small object per
 * household, stock row and voucher, never one per event.
 */
final class Facts {
    final Map<String, Household> households = new HashMap<>();
    final Map<String, Stock> stock = new HashMap<>();
    final Map<String, Voucher> vouchers = new HashMap<>();

    Household household(String id) {
        return households.computeIfAbsent(id, k -> new Household());
    }

    Stock stock(long shop, long product) {
        return stock.computeIfAbsent(Stock.key(shop, product), k -> new Stock(shop, product));
    }

    Voucher voucher(String serial) {
        return vouchers.computeIfAbsent(serial, k -> new Voucher());
    }

    static final class Household {
        long lastSeq = -1;
        long lastIndex = -1;
        long balance;
        long credited;
        long penalised;
        long debited;
        long reversed;
        long entries;
        long lines;
        long linePoints;
        long opened;
        /** What the rankings count of the account (their period ALL): earned and redeemed. */
        long earned;
        long redeemed;

        void add(ResultSet rs) throws SQLException {
            long seq = rs.getLong(2);
            if (seq > lastSeq) {
                lastSeq = seq;
                balance = rs.getLong(4);
            }
            lastIndex = Math.max(lastIndex, rs.getLong(3));
            credited += rs.getLong(5);
            penalised += rs.getLong(6);
            debited += rs.getLong(7);
            reversed += rs.getLong(8);
            entries += rs.getLong(9);
            lines += rs.getLong(10);
            linePoints += rs.getLong(11);
            opened += rs.getLong(12);
            earned += rs.getLong(13);
            redeemed += rs.getLong(14);
        }
    }

    static final class Stock {
        static final String[] FIELDS = {"on_hand", "reserved", "donated", "sold", "returned", "written_off",
                "counted_change"};
        final long shop;
        final long product;
        long lastIndex = -1;
        final long[] sums = new long[FIELDS.length];

        Stock(long shop, long product) {
            this.shop = shop;
            this.product = product;
        }

        static String key(long shop, long product) {
            return shop + "/" + product;
        }

        String aggregateId() {
            return "supermarket-" + shop;
        }

        void add(ResultSet rs) throws SQLException {
            lastIndex = Math.max(lastIndex, rs.getLong(3));
            for (int i = 0; i < sums.length; i++) {
                sums[i] += rs.getLong(4 + i);
            }
        }
    }

    static final class Voucher {
        long lastSeq = -1;
        long lastIndex = -1;
        String status;
        String household;
        long points;
        String villagePath;

        void add(ResultSet rs) throws SQLException {
            long seq = rs.getLong(2);
            if (seq > lastSeq) {
                lastSeq = seq;
                status = EventScan.statusAfter(rs.getString(4));
            }
            lastIndex = Math.max(lastIndex, rs.getLong(3));
            if (rs.getString(5) != null) {
                household = rs.getString(5);
                points = rs.getLong(6);
                villagePath = rs.getString(7);
            }
        }
    }
}
