package cn.moralbank.web.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the load driver needs to know of the county under test, read from its database: per village its
 * administrator, its supermarket's kiosk and goods, and households with their cards and balances.
 */
record County(List<Village> villages, String countyOffice, long countyId, List<Long> townshipIds,
              long households, long events, String deepHousehold, long deepHouseholdEntries,
              String deepAdmin) {

    record Village(long id, String admin, String kiosk, long supermarket, String operator, List<Product> products,
                   List<Household> households) {
    }

    record Product(long id, long price) {
    }

    record Household(String id, String card, long balance) {
    }

    /** Reads up to {@code villageCount} villages that have an administrator, a kiosk and goods in stock. */
    static County read(Db db, int villageCount, int householdsPerVillage) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            Map<Long, String> admins = pairs(c, "select region_id, min(username) from person "
                    + "where role = 'VILLAGE_ADMIN' and active group by region_id");
            List<Village> villages = new ArrayList<>();
            try (var s = c.prepareStatement("""
                    select s.region_id, min(p.username), s.id, min(o.username) from supermarket s
                      join person p on p.supermarket_id = s.id and p.role = 'KIOSK' and p.active
                      join person o on o.supermarket_id = s.id and o.role = 'SUPERMARKET_OPERATOR' and o.active
                     where s.active group by s.region_id, s.id order by s.region_id limit ?""")) {
                s.setInt(1, villageCount * 2);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next() && villages.size() < villageCount) {
                        long village = r.getLong(1);
                        if (!admins.containsKey(village)) {
                            continue;
                        }
                        List<Product> products = products(c, r.getLong(3));
                        List<Household> households = households(c, village, householdsPerVillage);
                        if (!products.isEmpty() && !households.isEmpty()) {
                            villages.add(new Village(village, admins.get(village), r.getString(2), r.getLong(3),
                                    r.getString(4), products, households));
                        }
                    }
                }
            }
            String office = one(c, "select min(username) from person where role = 'COUNTY_OFFICE' and active");
            long county = Long.parseLong(one(c, "select min(id) from region where level = 'COUNTY'"));
            List<Long> townships = new ArrayList<>();
            try (var s = c.createStatement(); var r = s.executeQuery(
                    "select id from region where level = 'TOWNSHIP' order by id")) {
                while (r.next()) {
                    townships.add(r.getLong(1));
                }
            }
            long households = Long.parseLong(one(c, "select count(*) from household"));
            long events = Long.parseLong(one(c, "select count(*) from domain_event_entry"));
            String deep = one(c, "select household_id from account_balance order by entries desc limit 1");
            String most = one(c, "select max(entries) from account_balance");
            long deepEntries = most == null ? 0 : Long.parseLong(most);
            String deepAdmin = one(c, "select min(p.username) from person p join region r on r.id = p.region_id "
                    + "join household h on h.region_path like r.path || '%' where p.role = 'VILLAGE_ADMIN' "
                    + "and p.active and h.id = '" + String.valueOf(deep).replace("'", "") + "'");
            return new County(villages, office, county, townships, households, events, deep, deepEntries,
                    deepAdmin);
        }
    }

    private static List<Product> products(Connection c, long supermarket) throws SQLException {
        List<Product> products = new ArrayList<>();
        try (var s = c.prepareStatement("""
                select p.id, p.price_points from product p join stock_level l on l.product_id = p.id
                 where p.supermarket_id = ? and p.active and p.monthly_limit = 0
                 order by p.price_points limit 5""")) {
            s.setLong(1, supermarket);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    products.add(new Product(r.getLong(1), r.getLong(2)));
                }
            }
        }
        return products;
    }

    private static List<Household> households(Connection c, long village, int limit) throws SQLException {
        List<Household> households = new ArrayList<>();
        try (var s = c.prepareStatement("""
                select h.id, h.card_number, b.balance from household h
                  join account_balance b on b.household_id = h.id
                 where h.region_path like (select path from region where id = ?) || '%'
                   and h.status = 'ACTIVE' and h.pin_hash is not null
                 order by b.balance desc limit ?""")) {
            s.setLong(1, village);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    households.add(new Household(r.getString(1), r.getString(2), r.getLong(3)));
                }
            }
        }
        return households;
    }

    private static Map<Long, String> pairs(Connection c, String sql) throws SQLException {
        Map<Long, String> map = new LinkedHashMap<>();
        try (var s = c.createStatement(); var r = s.executeQuery(sql)) {
            while (r.next()) {
                map.put(r.getLong(1), r.getString(2));
            }
        }
        return map;
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); var r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }
}
