package cn.moralbank.points.golive;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdRepository;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.people.People;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionAdmin;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.rules.Category;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.DeedPath;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The offices keep their region tree: add with a valid division code, rename, retire (refused while households are
 * registered), and 合村并居: the merged village's grids move under the other village, renumbered after its own, with
 * their households (same ids, so accounts and history follow); the village is retired and the merge recorded with
 * its date. Only a city or county office whose scope covers both villages may do it.
 */
@MicronautTest(transactional = false)
class RegionAdminTest extends DatabaseTest {
    @Inject RegionAdmin admin;
    @Inject Regions regions;
    @Inject Households households;
    @Inject HouseholdRepository registry;
    @Inject DataSource dataSource;
    @Inject People people;
    @Inject Ledger ledger;
    @Inject CommandGateway gateway;

    Region county;
    Region township;
    Actor office;

    @BeforeAll
    void county() {
        county = regions.createCounty("130826", "丰宁满族自治县");
        office = new Actor("wenmingban", Role.COUNTY_OFFICE, county.path(), null, null);
        township = admin.add(office, county.id(), "130826100", "胡麻营镇");
    }

    private Household household(Region grid) {
        Actor villageAdmin = new Actor("admin", Role.VILLAGE_ADMIN, regions.get(grid.parentId()).path(), null, null);
        return households.register(villageAdmin, new NewHousehold(null, "户主" + grid.code(), "", "", null,
                grid.code()));
    }

    @Test
    void twoVillagesMergeAndTheMergedOnesGridsAndHouseholdsFollowWithTheDateRecorded() {
        Region east = admin.add(office, township.id(), "130826100201", "河东村");
        Region west = admin.add(office, township.id(), "130826100202", "河西村");
        Region eastGrid = admin.add(office, east.id(), "13082610020101", "第一网格");
        Region westGrid = admin.add(office, west.id(), "13082610020201", "第一网格");
        Household moving = household(eastGrid);
        household(westGrid);

        LocalDate on = LocalDate.of(2026, 12, 1);
        RegionAdmin.Merge merge = admin.merge(office, east.id(), west.id(), on);

        assertEquals(1, merge.households());
        assertEquals(1, merge.grids());
        Region moved = regions.get(eastGrid.id());
        assertEquals(west.id(), moved.parentId());
        assertEquals("13082610020202", moved.code(), "numbered after the village's own grids");
        assertEquals(west.path() + "13082610020202/", moved.path());
        assertEquals(moved.path(), registry.findById(moving.id()).orElseThrow().regionPath(),
                "the household (same id, same account) is now the other village's");
        assertTrue(admin.retired(east));
        // (the other tests of the class merge villages of their own)
        List<RegionAdmin.Merge> ofEast = admin.merges(office).stream()
                .filter(m -> m.fromVillage() == east.id()).toList();
        assertEquals(1, ofEast.size());
        assertEquals(on, ofEast.get(0).mergedOn());
        assertEquals("region.retired", assertThrows(BadInput.class,
                () -> admin.add(office, east.id(), "13082610020103", "新网格")).code());
        assertEquals("region.retired", assertThrows(BadInput.class,
                () -> admin.merge(office, east.id(), west.id(), on)).code());
    }

    /**
     * Nothing of the merged village is left where no one can reach it: its people serve the village it joined (their
     * moves audited), and its deeds and review sessions are that village's, for its committee to review; a deed
     * reported before the merge and written to the views after it lands there too.
     */
    @Test
    void theMergedVillagesPeopleDeedsAndSessionsFollowIt() {
        Region east = admin.add(office, township.id(), "130826100221", "东庄");
        Region west = admin.add(office, township.id(), "130826100222", "西庄");
        Region eastGrid = admin.add(office, east.id(), "13082610022101", "第一网格");
        admin.add(office, west.id(), "13082610022201", "第一网格");
        Household moving = household(eastGrid);
        people.create("dongzhuang.admin", "东庄管理员", "secret-password-1", Role.VILLAGE_ADMIN, east.id(), null, null);
        people.create("dongzhuang.grid1", "东庄网格员", "secret-password-1", Role.GRID_WORKER, eastGrid.id(), null,
                null);
        Sql sql = new Sql(dataSource);
        var path = new DeedPath(gateway, ledger);
        Actor reporter = DeedPath.gridWorker("dongzhuang.grid1", eastGrid);
        LocalDate day = LocalDate.now().minusDays(3);
        var deed = path.report(reporter, moving.householdId(), east, Category.SOCIAL, 5,
                day, DeedPath.at(day));
        Eventually.until("the deed's view",
                () -> sql.count("SELECT count(*) FROM deed_view WHERE deed_id = ?", deed.value()) == 1);
        // a published quarter's results of the village's grid worker and household, as the ratings' view holds them
        sql.update("""
                INSERT INTO rating_result_view (round_id, subject, kind, period, name, region_path, grid_id, score,
                  stars) VALUES ('W-test', 'dongzhuang.grid1', 'GRID_WORKERS', '2026-Q3', '东庄网格员', ?, ?, 80, 4)""",
                eastGrid.path(), eastGrid.id());
        sql.update("""
                INSERT INTO rating_result_view (round_id, subject, kind, period, name, region_path, score, stars)
                VALUES ('H-test', ?, 'HOUSEHOLDS', '2025', '户主', ?, 2, 2)""", moving.id(), eastGrid.path());

        admin.merge(office, east.id(), west.id(), LocalDate.now());

        assertEquals(west.id(), ((Number) sql.single("SELECT region_id FROM person WHERE username = ?",
                "dongzhuang.admin")).longValue(), "the administrator serves the village it joined");
        assertEquals(eastGrid.id(), ((Number) sql.single("SELECT region_id FROM person WHERE username = ?",
                "dongzhuang.grid1")).longValue(), "a grid worker keeps the grid, which moved");
        assertEquals(1, sql.count("SELECT count(*) FROM person_change WHERE username = ? AND action = 'MOVE' "
                + "AND changed_by = ?", "dongzhuang.admin", office.userId()));
        assertEquals(west.id(), ((Number) sql.single("SELECT village_id FROM deed_view WHERE deed_id = ?",
                deed.value())).longValue(), "the deed is the joined village's to review");
        assertEquals(west.path(), sql.single("SELECT village_path FROM deed_view WHERE deed_id = ?", deed.value()));
        String gridNow = regions.get(eastGrid.id()).path();
        assertEquals(2, sql.count("SELECT count(*) FROM rating_result_view WHERE round_id IN ('W-test', 'H-test') "
                + "AND region_path = ?", gridNow), "the ratings are found where the grid and household are now");

        // a deed reported for the old village (a form opened before the merge) is written where the village went
        var late = path.report(reporter, moving.householdId(), east, Category.SOCIAL, 5,
                day, DeedPath.at(day));
        Eventually.until("the late deed's view",
                () -> sql.count("SELECT count(*) FROM deed_view WHERE deed_id = ?", late.value()) == 1);
        assertEquals(west.path(), sql.single("SELECT village_path FROM deed_view WHERE deed_id = ?", late.value()));
    }

    /**
     * Two merges sent at once that cannot both stand (two villages into each other; one village into two others) make
     * one merge: before, both went through, the villages pointed at each other, and a village's people went one way
     * and its households the other.
     */
    @Test
    void twoMergesThatCannotBothStandSentAtOnceMakeOne() throws Exception {
        Region a = admin.add(office, township.id(), "130826100231", "甲庄");
        Region b = admin.add(office, township.id(), "130826100232", "乙庄");
        Region c = admin.add(office, township.id(), "130826100233", "丙庄");
        for (Region village : List.of(a, b, c)) {
            household(admin.add(office, village.id(), village.code() + "01", "第一网格"));
        }
        assertEquals(1, atOnce(() -> admin.merge(office, a.id(), b.id(), null),
                () -> admin.merge(office, b.id(), a.id(), null)), "into each other");
        Region left = admin.retired(a) ? b : a;
        Region d = admin.add(office, township.id(), "130826100234", "丁庄");
        assertEquals(1, atOnce(() -> admin.merge(office, c.id(), left.id(), null),
                () -> admin.merge(office, c.id(), d.id(), null)), "one village into two");
        Sql sql = new Sql(dataSource);
        assertEquals(1, sql.count("SELECT count(*) FROM region_merge WHERE from_village = ?", c.id()));
        assertEquals(0, sql.count("""
                SELECT count(*) FROM region g JOIN region v ON v.id = g.parent_id
                WHERE g.level = 'GRID' AND v.retired_on IS NOT NULL AND g.retired_on IS NULL"""),
                "no grid left under a retired village");
    }

    /** Runs both at once; answers how many went through (the rest must be refused as a retired village). */
    private int atOnce(Runnable one, Runnable two) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (Runnable run : List.of(one, two)) {
                runs.add(pool.submit(() -> {
                    go.await();
                    try {
                        run.run();
                        return true;
                    } catch (BadInput refused) {
                        assertEquals("region.retired", refused.code());
                        return false;
                    }
                }));
            }
            go.countDown();
            int done = 0;
            for (Future<Boolean> run : runs) {
                done += run.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyAnOfficeCoveringBothVillagesMergesAndAVillageWithHouseholdsIsNotRetired() {
        Region a = admin.add(office, township.id(), "130826100211", "甲村");
        Region b = admin.add(office, township.id(), "130826100212", "乙村");
        Region aGrid = admin.add(office, a.id(), "13082610021101", "第一网格");
        household(aGrid);
        Region other = regions.createCounty("130827", "别的县");
        Actor otherOffice = new Actor("other", Role.COUNTY_OFFICE, other.path(), null, null);
        Region far = admin.add(otherOffice, admin.add(otherOffice, other.id(), "130827100", "镇").id(),
                "130827100201", "远村");
        long merges = new Sql(dataSource).count("SELECT count(*) FROM region_merge");

        assertThrows(AccessDenied.class, () -> admin.merge(new Actor("town", Role.TOWNSHIP_OFFICER,
                township.path(), null, null), a.id(), b.id(), null));
        assertThrows(AccessDenied.class, () -> admin.merge(office, a.id(), far.id(), null));
        assertEquals("region.merge.not-villages", assertThrows(BadInput.class,
                () -> admin.merge(office, a.id(), township.id(), null)).code());
        assertEquals("region.merge.same", assertThrows(BadInput.class,
                () -> admin.merge(office, a.id(), a.id(), null)).code());
        assertEquals("regions.retire.has-households", assertThrows(BadInput.class,
                () -> admin.retire(office, a.id())).code());
        assertEquals("region.division-code.invalid", assertThrows(BadInput.class,
                () -> admin.add(office, a.id(), "130826100299", "别村的网格")).code());
        assertThrows(AccessDenied.class, () -> admin.add(otherOffice, township.id(), "130826100213", "丙村"));
        assertEquals(merges, new Sql(dataSource).count("SELECT count(*) FROM region_merge"));
        admin.retire(office, b.id());
        assertTrue(admin.retired(b));
        assertEquals("乙村（旧）", admin.rename(office, b.id(), "乙村（旧）").name());
    }
}
