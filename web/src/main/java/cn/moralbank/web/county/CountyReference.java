package cn.moralbank.web.county;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import cn.moralbank.web.county.Village.Home;
import cn.moralbank.web.county.Village.Product;
import cn.moralbank.web.county.Village.Shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The county's master data, written straight with SQL in big batches: regions (county, townships, villages, grids
 * of about 40 households), people for every role with predictable usernames, households with members and cards,
 * one supermarket per village with ten products. Passwords and card PINs are hashed once and the hash reused: bcrypt
 * for every person would take minutes.
 */
final class CountyReference {
    static final String COUNTY_CODE = "131099";
    static final String COUNTY_NAME = "丰泽县";
    /** name, unit, picture, price in points, monthly limit per household (0: none) */
    private static final Object[][] GOODS = {
            {"食用油（5升）", "桶", "oil", 30, 2}, {"大米（10斤）", "袋", "rice", 25, 2}, {"面粉（5斤）", "袋", "flour", 15, 0},
            {"挂面", "把", "noodles", 5, 0}, {"洗衣粉", "袋", "detergent", 8, 0}, {"香皂", "块", "soap", 4, 0},
            {"毛巾", "条", "towel", 6, 0}, {"酱油", "瓶", "soy", 6, 0}, {"食盐", "袋", "salt", 2, 0},
            {"抽纸", "包", "tissue", 3, 0}};

    private final Regions regions;
    private final CountySettings settings;
    private final Names names;
    private final Ids ids;
    private final String passwordHash;
    private final String pinHash;
    private final Instant registered;

    CountyReference(Regions regions, CountySettings settings, Random random, String passwordHash, String pinHash,
                    Instant registered) {
        this.regions = regions;
        this.settings = settings;
        this.names = new Names(random);
        this.ids = new Ids(random);
        this.passwordHash = passwordHash;
        this.pinHash = pinHash;
        this.registered = registered;
    }

    Region county(Connection c, long baseScore, int objectionDays) throws SQLException {
        Region county = regions.createCounty(COUNTY_CODE, COUNTY_NAME);
        settings.save(county, baseScore, objectionDays);
        person(c, "county.office", "县文明办 " + names.person(), Role.COUNTY_OFFICE, county.id(), null, null);
        return county;
    }

    Region township(Connection c, Region county, int number) throws SQLException {
        Region township = regions.createChild(county, county.code() + (100 + number), names.place("镇"));
        person(c, String.format("t%02d.officer", number), township.name() + " " + names.person(),
                Role.TOWNSHIP_OFFICER, township.id(), null, null);
        return township;
    }

    /** A village with its grids, people, supermarket and {@code households} households. */
    Village village(Connection c, Region township, int number, int indexInTownship, int households)
            throws SQLException {
        Region village = regions.createChild(township, township.code() + (201 + indexInTownship), names.place("村"));
        String key = String.format("v%04d", number);
        person(c, key + ".admin", names.person() + "（管理员）", Role.VILLAGE_ADMIN, village.id(), null, null);
        List<Actor> committee = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            person(c, key + ".c" + i, names.person() + "（评议委员）", Role.COMMITTEE_MEMBER, village.id(), null, null);
            committee.add(new Actor(key + ".c" + i, Role.COMMITTEE_MEMBER, village.path(), null, null));
        }
        int gridCount = Math.max(1, Math.min(99, Math.round(households / 40f)));
        List<Region> grids = new ArrayList<>();
        List<Actor> workers = new ArrayList<>();
        for (int g = 1; g <= gridCount; g++) {
            Region grid = regions.createChild(village, village.code() + String.format("%02d", g), "第" + g + "网格");
            grids.add(grid);
            person(c, key + ".grid" + g, names.person() + "（网格员）", Role.GRID_WORKER, grid.id(), null, null);
            workers.add(new Actor(key + ".grid" + g, Role.GRID_WORKER, grid.path(), null, null));
        }
        Shop shop = supermarket(c, village, key);
        person(c, key + ".shop", names.person() + "（超市）", Role.SUPERMARKET_OPERATOR, village.id(), null, shop.id);
        person(c, key + ".kiosk1", village.name() + "爱心超市 1号机", Role.KIOSK, village.id(), null, shop.id);
        Village v = new Village(number, village.id(), village.name(), village.path(),
                new Actor(key + ".admin", Role.VILLAGE_ADMIN, village.path(), null, null), committee, workers,
                new Actor(key + ".shop", Role.SUPERMARKET_OPERATOR, village.path(), null, null),
                new Actor(key + ".kiosk1", Role.KIOSK, village.path(), null, key + ".kiosk1"), shop);
        households(c, v, grids, households);
        person(c, key + ".villager", v.homes.get(0).head, Role.VILLAGER, null, v.homes.get(0).id, null);
        return v;
    }

    private void households(Connection c, Village v, List<Region> grids, int count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO household (id, card_number, head_name, members, address, phone, grid_id, region_path,
                                       status, pin_hash, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)""")) {
            int[] running = new int[grids.size()];
            for (int i = 0; i < count; i++) {
                int g = i * grids.size() / count;
                Region grid = grids.get(g);
                String digits = grid.code().replaceAll("[^0-9]", "");
                String prefix = digits.length() > 12 ? digits.substring(digits.length() - 12) : digits;
                String card = prefix + String.format("%04d", ++running[g]);
                String head = names.person();
                Home home = new Home(ids.uuid(), card, head, g, v.number == 1 && i == 0);
                v.homes.add(home);
                ps.setString(1, home.id);
                ps.setString(2, card);
                ps.setString(3, head);
                ps.setString(4, names.members(head));
                ps.setString(5, v.name + (g + 1) + "组" + running[g] + "号");
                ps.setString(6, names.phone());
                ps.setLong(7, grid.id());
                ps.setString(8, grid.path());
                ps.setString(9, pinHash);
                ps.setObject(10, ShopFlow.time(registered));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private Shop supermarket(Connection c, Region village, String key) throws SQLException {
        String name = village.name() + "爱心超市";
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO supermarket (name, region_id, region_path, address, "
                + "active, created_at) VALUES (?, ?, ?, ?, true, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setLong(2, village.id());
            ps.setString(3, village.path());
            ps.setString(4, village.name() + "村委会旁");
            ps.setObject(5, ShopFlow.time(registered));
            ps.executeUpdate();
            id = generated(ps);
        }
        List<Product> products = new ArrayList<>();
        for (Object[] g : GOODS) {
            long productId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO product (supermarket_id, name, unit, picture, "
                    + "price_points, monthly_limit, active, created_at) VALUES (?, ?, ?, ?, ?, ?, true, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, id);
                ps.setString(2, (String) g[0]);
                ps.setString(3, (String) g[1]);
                ps.setString(4, (String) g[2]);
                ps.setLong(5, (Integer) g[3]);
                ps.setInt(6, (Integer) g[4]);
                ps.setObject(7, ShopFlow.time(registered));
                ps.executeUpdate();
                productId = generated(ps);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO product_price (product_id, price_points, "
                    + "valid_from, changed_by, reason) VALUES (?, ?, ?, ?, '')")) {
                ps.setLong(1, productId);
                ps.setLong(2, (Integer) g[3]);
                ps.setObject(3, ShopFlow.time(registered));
                ps.setString(4, key + ".shop");
                ps.executeUpdate();
            }
            products.add(new Product(productId, (String) g[0], (String) g[1], (Integer) g[3], (Integer) g[4]));
        }
        return new Shop(id, name, products);
    }

    private void person(Connection c, String username, String displayName, Role role, Long regionId,
                        String householdId, Long supermarketId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO person (username, display_name, password_hash, role, "
                + "region_id, household_id, supermarket_id, active) VALUES (?, ?, ?, ?, ?, ?, ?, true)")) {
            ps.setString(1, username);
            ps.setString(2, displayName.length() > 50 ? displayName.substring(0, 50) : displayName);
            ps.setString(3, passwordHash);
            ps.setString(4, role.name());
            ps.setObject(5, regionId);
            ps.setString(6, householdId);
            ps.setObject(7, supermarketId);
            ps.executeUpdate();
        }
    }

    private static long generated(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
