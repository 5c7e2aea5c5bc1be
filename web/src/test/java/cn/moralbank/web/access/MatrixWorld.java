package cn.moralbank.web.access;

import cn.moralbank.kiosk.product.NewProduct;
import cn.moralbank.kiosk.product.Products;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Supermarkets;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.people.People;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * The places of the authorization matrix around 河东村 in the demo county, and what the demo lacks for them: a second
 * village in 胡麻营镇 (河西村, the sibling of 河东村) and a second county (隆化县 with 北山村), each with people, a
 * household, a deed with a photo, a review session, a voucher, a local rule, a supermarket with a product and a
 * checkout; a rating round and a report in each county. Built through the domain services (regions, people,
 * supermarkets) and the HTTP API, as the demo loader and the other tests do.
 */
final class MatrixWorld {
    static final String PIN = "1234";
    final Map<String, Place> places = new HashMap<>();
    /** The deed the matrix reported for each household it placed, and who reported it. */
    private final Map<String, String> deeds = new HashMap<>();
    private final Map<String, String> reporters = new HashMap<>();
    private final ApplicationContext context;
    private final Sql sql;
    /** (username, request) -> the answer's body as a map, through the real server. */
    private final BiFunction<String, HttpRequest<?>, Map<?, ?>> http;

    MatrixWorld(ApplicationContext context, Sql sql, BiFunction<String, HttpRequest<?>, Map<?, ?>> http) {
        this.context = context;
        this.sql = sql;
        this.http = http;
    }

    MatrixWorld build() {
        Regions regions = context.getBean(Regions.class);
        Region countyA = regions.byCode("130826");
        Region t1 = regions.byCode("130826103");
        Region hedong = regions.byCode("130826103201");
        Region g1 = regions.byCode("13082610320101");
        Region g2 = regions.byCode("13082610320102");
        Region leguo = regions.byCode("130826102201");

        Region hexi = regions.createChild(t1, "130826103202", "河西村");
        Region hexiGrid = regions.createChild(hexi, "13082610320201", "第一网格");
        village(countyA, hexi, hexiGrid, "hexi");

        Region countyB = regions.createCounty("130825", "隆化县");
        context.getBean(CountySettings.class).save(countyB, 60, 7);
        Region tb = regions.createChild(countyB, "130825100", "隆化镇");
        Region beishan = regions.createChild(tb, "130825100201", "北山村");
        Region bGrid = regions.createChild(beishan, "13082510020101", "第一网格");
        person("far.office", Role.COUNTY_OFFICE, countyB.id(), null);
        person("far.town", Role.TOWNSHIP_OFFICER, tb.id(), null);
        http.apply("far.office", HttpRequest.POST("/api/counties/" + countyB.id() + "/rules", Map.of("code", "SOC-01",
                "name", "助人为乐", "category", "SOCIAL", "points", 10, "evidence", "NONE")));
        village(countyB, beishan, bGrid, "far");

        // the demo's own people act in the demo's places
        String villager = (String) sql.single("SELECT household_id FROM person WHERE username = 'hedong.villager'");
        String neighbour = firstHousehold(g1.path(), villager);
        String inG2 = firstHousehold(g2.path(), null);
        String inLeguo = firstHousehold(leguo.path(), null);
        deedOf("hedong.grid1", villager, countyA);
        deedOf("hedong.grid1", neighbour, countyA);
        deedOf("hedong.grid2", inG2, countyA);
        deedOf("leguo.grid1", inLeguo, countyA);
        for (String[] v : new String[][]{{"hedong", villager}, {"hedong", neighbour}, {"hedong", inG2},
                {"leguo", inLeguo}}) {
            voucherOf(v[0] + ".admin", v[1]);
        }
        localRule("hedong.admin", hedong);
        localRule("leguo.admin", leguo);
        session("leguo.admin", leguo);
        checkout("hedong.kiosk1", villager);
        openRound("far.office");
        report("wenmingban");
        report("humaying");
        report("huangqi");
        report("far.office");
        report("far.town");

        put("HOME", g1.path(), villager, hedong, countyA, t1);
        put("NEIGHBOUR", g1.path(), neighbour, hedong, countyA, t1);
        put("G2", g2.path(), inG2, hedong, countyA, t1);
        put("V1", hedong.path(), inG2, hedong, countyA, t1);
        String inHexi = firstHousehold(hexi.path(), null);
        put("SIBV", hexi.path(), inHexi, hexi, countyA, t1);
        Place parent = put("T1", t1.path(), inHexi, hexi, countyA, t1);
        parent.ids().put("village", String.valueOf(t1.id()));
        parent.ids().remove("rule"); // a township has no rules of its own: 河西村's would be a sibling's
        put("LEGUO", leguo.path(), inLeguo, leguo, countyA, regions.byCode("130826102"));
        Place county = put("A", countyA.path(), inLeguo, leguo, countyA, countyA);
        county.ids().put("village", String.valueOf(countyA.id()));
        county.ids().put("rule", String.valueOf(sql.count("SELECT min(id) FROM rule_item WHERE county_id = ? "
                + "AND village_id IS NULL", countyA.id())));
        put("B", beishan.path(), firstHousehold(beishan.path(), null), beishan, countyB, tb);
        cityOfOtherCounties(regions);
        return this;
    }

    /**
     * A city office (CI) of a city with none of the places above (沧州市: its counties are not built): every place
     * of the matrix is another city's to it. Added on its own so the city's cells stay independent of the rest.
     */
    private void cityOfOtherCounties(Regions regions) {
        Region city = regions.createCity("130900", "沧州市");
        person("city.office", Role.CITY_OFFICE, city.id(), null);
        places.put("CITY", new Place("CITY", city.path(), "", new HashMap<>(Map.of("village",
                String.valueOf(city.id())))));
    }

    /** A village's people (admin, grid worker, operator, kiosk), supermarket, household, deed, voucher, session. */
    private void village(Region county, Region village, Region grid, String key) {
        Actor office = new Actor("test", Role.COUNTY_OFFICE, county.path(), null, null);
        Supermarket shop = context.getBean(Supermarkets.class).create(office, village.name() + "爱心超市", village, "");
        Actor operator = new Actor(key + ".shop", Role.SUPERMARKET_OPERATOR, village.path(), null, null);
        context.getBean(Products.class).add(operator, shop, new NewProduct("挂面", "把", "noodles", 5, 0));
        person(key + ".admin", Role.VILLAGE_ADMIN, village.id(), null);
        person(key + ".grid1", Role.GRID_WORKER, grid.id(), null);
        for (int c = 1; c <= 3; c++) {
            person(key + ".c" + c, Role.COMMITTEE_MEMBER, village.id(), null);
        }
        context.getBean(People.class).create(key + ".shop", key + " shop", AppPassword.VALUE,
                Role.SUPERMARKET_OPERATOR, village.id(), null, shop.id());
        context.getBean(People.class).create(key + ".kiosk1", key + " kiosk", AppPassword.VALUE, Role.KIOSK,
                village.id(), null, shop.id());
        Map<?, ?> household = http.apply(key + ".admin", HttpRequest.POST("/api/households",
                Map.of("headName", "测试户", "gridCode", grid.code())));
        String id = (String) household.get("id");
        await("an account for " + id, () -> sql.count(
                "SELECT count(*) FROM account_balance WHERE household_id = ?", id) == 1);
        http.apply(key + ".admin", HttpRequest.PUT("/api/households/" + id + "/pin", Map.of("pin", PIN)));
        deedOf(key + ".grid1", id, county);
        voucherOf(key + ".admin", id);
        localRule(key + ".admin", village);
        session(key + ".admin", village);
        checkout(key + ".kiosk1", id);
    }

    private void person(String username, Role role, Long regionId, Long shop) {
        context.getBean(People.class).create(username, username, AppPassword.VALUE, role, regionId, null, shop);
    }

    private String firstHousehold(String path, String except) {
        return (String) sql.single("SELECT id FROM household WHERE region_path LIKE ? AND id <> ? "
                + "ORDER BY card_number LIMIT 1", path + "%", except == null ? "" : except);
    }

    private void deedOf(String reporter, String household, Region county) {
        reporters.putIfAbsent(household, reporter);
        Map<?, ?> photo = http.apply(reporter, HttpRequest.POST("/api/deeds/photos", MultipartBody.builder()
                .addPart("householdId", household).addPart("file", "p.png", MediaType.IMAGE_PNG_TYPE, png()).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
        long rule = sql.count("SELECT min(id) FROM rule_item WHERE county_id = ? AND village_id IS NULL "
                + "AND code = 'SOC-01'", county.id());
        Map<String, Object> report = new HashMap<>();
        report.put("householdId", household);
        report.put("ruleId", rule);
        report.put("deedDate", AppTest.countyToday().toString());
        report.put("description", "帮邻居收玉米");
        report.put("photos", List.of(photo.get("photoId")));
        String deed = (String) http.apply(reporter, HttpRequest.POST("/api/deeds", report)).get("deedId");
        await("deed " + deed, () -> sql.count("SELECT count(*) FROM deed_view WHERE deed_id = ?", deed) == 1);
        deeds.putIfAbsent(household, deed);
    }

    /**
     * A pending deed of its own for one cell of a write on a deed, reported by the same grid worker as the place's
     * deed: a cell that withdraws, votes on or adjusts a deed then leaves no trace another cell could meet.
     */
    Place withFreshDeed(Place place) {
        String household = place.household();
        String reporter = reporters.get(household);
        Map<String, Object> report = new HashMap<>();
        report.put("householdId", household);
        report.put("ruleId", Long.valueOf(place.id("countyrule")));
        report.put("deedDate", AppTest.countyToday().toString());
        report.put("description", "矩阵的一件好事");
        String deed = (String) http.apply(reporter, HttpRequest.POST("/api/deeds", report)).get("deedId");
        await("deed " + deed, () -> sql.count("SELECT count(*) FROM deed_view WHERE deed_id = ?", deed) == 1);
        Map<String, String> ids = new HashMap<>(place.ids());
        ids.put("deed", deed);
        return new Place(place.name(), place.path(), household, ids);
    }

    /**
     * A grid worker of its own for one cell of a people route, in the grid of the place's household (password hash
     * copied from a demo person): no cell renames, moves, deactivates or resets a caller or another cell's person.
     */
    Place withFreshStaff(Place place) {
        String username = "m." + UUID.randomUUID().toString().substring(0, 13);
        sql.update("""
                INSERT INTO person (username, display_name, password_hash, role, region_id, active)
                SELECT ?, '矩阵网格员', password_hash, 'GRID_WORKER',
                  (SELECT r.id FROM household h JOIN region r ON r.path = h.region_path WHERE h.id = ?), true
                FROM person WHERE username = 'hedong.grid1'""", username, place.household());
        Map<String, String> ids = new HashMap<>(place.ids());
        ids.put("staff", username);
        return new Place(place.name(), place.path(), place.household(), ids);
    }

    private void voucherOf(String admin, String household) {
        http.apply(admin, HttpRequest.POST("/api/households/" + household + "/vouchers",
                Map.of("batchId", UUID.randomUUID().toString(), "denominations", List.of(10))));
        await("a voucher of " + household, () -> sql.count(
                "SELECT count(*) FROM voucher_view WHERE household_id = ?", household) > 0);
    }

    private void localRule(String admin, Region village) {
        http.apply(admin, HttpRequest.POST("/api/villages/" + village.id() + "/rules", Map.of("code", "LOC-77",
                "name", "本村规则", "category", "SOCIAL", "points", 5, "evidence", "NONE")));
    }

    private void session(String admin, Region village) {
        http.apply(admin, HttpRequest.POST("/api/villages/" + village.id() + "/review-sessions",
                Map.of("title", "评议会")));
        await("a session in " + village.name(), () -> sql.count(
                "SELECT count(*) FROM review_session_view WHERE village_id = ?", village.id()) > 0);
    }

    /** A checkout made now at the place's supermarket, by its kiosk, for the place's household. */
    Place withFreshCheckout(Place place) {
        String kiosk = (String) sql.single("SELECT min(username) FROM person WHERE role = 'KIOSK' "
                + "AND supermarket_id = ? AND username NOT LIKE '%.twin'", Long.valueOf(place.id("supermarket")));
        long shop = Long.parseLong(place.id("supermarket"));
        String admin = (String) sql.single("SELECT min(username) FROM person WHERE role = 'VILLAGE_ADMIN' "
                + "AND username NOT LIKE '%.twin' AND region_id = (SELECT region_id FROM supermarket WHERE id = ?)", shop);
        // a product without a monthly limit per household: the cells' checkouts add up within the month
        long product = sql.count("SELECT min(id) FROM product WHERE supermarket_id = ? AND monthly_limit = 0 "
                + "AND active", shop);
        long price = sql.count("SELECT price_points FROM product WHERE id = ?", product);
        // a PIN and the points the checkout takes, set first (the account itself answers both, no view in
        // between): neither the household's PIN nor its balance decides the cell
        http.apply(admin, HttpRequest.PUT("/api/households/" + place.household() + "/pin", Map.of("pin", PIN)));
        http.apply(admin, HttpRequest.POST("/api/households/" + place.household() + "/credits", Map.of("entryId",
                "m-" + UUID.randomUUID(), "points", price, "reason", "矩阵")));
        String id = checkout(kiosk, place.household(), product);
        Map<String, String> ids = new HashMap<>(place.ids());
        ids.put("checkout", id);
        return new Place(place.name(), place.path(), place.household(), ids);
    }

    private String checkout(String kiosk, String household) {
        long shop = sql.count("SELECT supermarket_id FROM person WHERE username = ?", kiosk);
        return checkout(kiosk, household, sql.count("SELECT min(id) FROM product WHERE supermarket_id = ?", shop));
    }

    private String checkout(String kiosk, String household, long product) {
        String card = (String) sql.single("SELECT card_number FROM household WHERE id = ?", household);
        long shop = sql.count("SELECT supermarket_id FROM person WHERE username = ?", kiosk);
        long price = sql.count("SELECT price_points FROM product WHERE id = ?", product);
        if (sql.count("SELECT count(*) FROM stock_level WHERE product_id = ? AND on_hand > 0", product) == 0) {
            http.apply(kiosk.replace(".kiosk1", ".shop"), HttpRequest.POST("/api/supermarkets/" + shop
                    + "/adjustments", Map.of("adjustmentId", UUID.randomUUID().toString(), "productId", product,
                    "kind", "COUNTED", "quantity", 10, "reason", "盘点")));
        }
        return (String) http.apply(kiosk, HttpRequest.POST("/api/kiosk/checkouts", Map.of("requestId",
                UUID.randomUUID().toString(), "cardNumber", card, "pin", PIN, "lines", List.of(Map.of("productId",
                        product, "quantity", 1, "unitPoints", price)), "vouchers", List.of()))).get("checkoutId");
    }

    private void openRound(String office) {
        http.apply(office, HttpRequest.POST("/api/ratings/rounds", Map.of("kind", "HOUSEHOLDS", "period", "2025")));
    }

    private void report(String officer) {
        String period = Period.of(PeriodKind.MONTH, AppTest.countyToday()).previous().key();
        http.apply(officer, HttpRequest.POST("/reports", "period=" + period)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED));
    }

    private Place put(String name, String path, String household, Region village, Region county, Region township) {
        // the rating subjects of a place above the caller are taken from the household's own part of it
        String objects = (String) sql.single("SELECT region_path FROM household WHERE id = ?", household);
        Map<String, String> ids = new HashMap<>();
        ids.put("household", household);
        ids.put("card", (String) sql.single("SELECT card_number FROM household WHERE id = ?", household));
        ids.put("village", String.valueOf(village.id()));
        ids.put("county", String.valueOf(county.id()));
        ids.put("villagecode", village.code());
        ids.put("lang", "en");
        ids.put("selector", "liveness");
        ids.put("grid", (String) sql.single("SELECT r.code FROM household h JOIN region r ON r.path = h.region_path "
                + "WHERE h.id = ?", household));
        optional(ids, "countyrule", "SELECT min(id)::text FROM rule_item WHERE county_id = ? AND village_id IS NULL "
                + "AND code = 'SOC-01'", county.id());
        optional(ids, "price", "SELECT min(p.price_points)::text FROM product p WHERE p.id = (SELECT min(p2.id) "
                + "FROM product p2 JOIN supermarket s ON s.id = p2.supermarket_id WHERE s.region_id = ?)", village.id());
        // the deed the matrix reported itself, by the place's grid worker: never one picked by the order of random
        // ids, which was sometimes the demo villager's own self-report (which the villager may withdraw)
        ids.put("deed", deeds.get(household));
        // a person for the people routes: replaced by a fresh one in each cell (withFreshStaff)
        ids.put("staff", "matrix.staff");
        optional(ids, "photo", "SELECT id FROM deed_photo WHERE household_id = ? ORDER BY id LIMIT 1", household);
        optional(ids, "voucher", "SELECT serial FROM voucher_view WHERE household_id = ? ORDER BY serial LIMIT 1",
                household);
        optional(ids, "session", "SELECT session_id FROM review_session_view WHERE village_id = ? "
                + "ORDER BY held_on DESC, session_id LIMIT 1", village.id());
        optional(ids, "supermarket", "SELECT min(id)::text FROM supermarket WHERE region_id = ?", village.id());
        optional(ids, "product", "SELECT min(p.id)::text FROM product p JOIN supermarket s ON s.id = p.supermarket_id "
                + "WHERE s.region_id = ?", village.id());
        optional(ids, "rule", "SELECT min(id)::text FROM rule_item WHERE village_id = ?", village.id());
        optional(ids, "checkout", "SELECT min(c.checkout_id) FROM checkout c JOIN supermarket s "
                + "ON s.id = c.supermarket_id WHERE s.region_id = ?", village.id());
        optional(ids, "receipt", "SELECT min(c.receipt_no)::text FROM checkout c JOIN supermarket s "
                + "ON s.id = c.supermarket_id WHERE s.region_id = ?", village.id());
        optional(ids, "round", "SELECT min(round_id) FROM rating_round_view WHERE county_path = ?", county.path());
        optional(ids, "subject", "SELECT min(subject) FROM rating_result_view WHERE region_path LIKE ? "
                + "AND round_id = (SELECT min(round_id) FROM rating_round_view WHERE county_path = ?)",
                objects + "%", county.path());
        optional(ids, "worker", "SELECT min(subject) FROM rating_result_view WHERE region_path LIKE ? "
                + "AND kind = 'GRID_WORKERS'", objects + "%");
        optional(ids, "report", "SELECT min(id)::text FROM report WHERE region_id = ?", township.id());
        for (String kind : List.of("deadletter", "evictletter", "pageretry", "pageevict")) {
            ids.put(kind, parkedLetter(household, objects));
        }
        Place place = new Place(name, path, household, ids);
        places.put(name, place);
        return place;
    }

    /**
     * A dead letter of the place's region (the household's opening event, parked in a projection that has no handler
     * for it, so a retry handles it harmlessly), each in a sequence of its own: one per route that acts on one.
     */
    private String parkedLetter(String household, String regionPath) {
        String id = UUID.randomUUID().toString();
        sql.update("""
                INSERT INTO dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, sequence_index,
                  message_type, event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data,
                  aggregate_type, aggregate_identifier, sequence_number, enqueued_at, last_touched, cause_type,
                  cause_message, diagnostics)
                SELECT ?, 'deed-views', ?, 0, 'org.axonframework.eventhandling.GenericDomainEventMessage',
                  event_identifier, time_stamp, payload_type, payload_revision, payload,
                  convert_to('{"actorRegion":"' || ? || '"}', 'UTF8'), type, aggregate_identifier, sequence_number,
                  time_stamp, time_stamp, 'java.lang.IllegalStateException', 'parked for the matrix',
                  convert_to('{}', 'UTF8')
                FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0""",
                id, "matrix-" + id, regionPath, household);
        return id;
    }

    private void optional(Map<String, String> ids, String kind, String query, Object... args) {
        Object value = sql.single(query, args);
        if (value != null) {
            ids.put(kind, value.toString());
        }
    }

    /** A person of the same role and scope as the given one (password and all), made once. */
    void twin(String username) {
        sql.update("""
                INSERT INTO person (username, display_name, password_hash, role, region_id, household_id,
                  supermarket_id, active)
                SELECT ?, display_name, password_hash, role, region_id, household_id, supermarket_id, active
                FROM person WHERE username = ? ON CONFLICT (username) DO NOTHING""", twinOf(username), username);
    }

    static String twinOf(String username) {
        return username + ".twin";
    }

    /**
     * Waits for the projections to show what the world just made: up to two minutes, since a loaded 2-core machine
     * (five builds at once) has been seen taking over twenty seconds; the wait ends as soon as they do.
     */
    static void await(String what, BooleanSupplier condition) {
        Eventually.until(what, Duration.ofMinutes(2), condition);
    }

    static byte[] png() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The demo password, which the people made here share. */
    static final class AppPassword {
        static final String VALUE = "demo1234";
    }
}
