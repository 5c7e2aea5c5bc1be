package cn.moralbank.points.golive;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdRepository;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionAdmin;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Sql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.LocalDate;

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
        assertEquals(1, admin.merges(office).size());
        assertEquals(on, admin.merges(office).get(0).mergedOn());
        assertEquals("region.retired", assertThrows(BadInput.class,
                () -> admin.add(office, east.id(), "13082610020103", "新网格")).code());
        assertEquals("region.retired", assertThrows(BadInput.class,
                () -> admin.merge(office, east.id(), west.id(), on)).code());
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
