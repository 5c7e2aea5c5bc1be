package cn.moralbank.points.golive;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.household.CountySetting;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.ranking.Measure;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.ranking.Rankings;
import cn.moralbank.points.ranking.RegionStanding;
import cn.moralbank.points.rating.RatingQueries;
import cn.moralbank.points.rating.RatingRounds;
import cn.moralbank.points.rating.RatingSettings;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.regionimport.RegionImport;
import cn.moralbank.points.rules.Category;
import cn.moralbank.points.rules.Evidence;
import cn.moralbank.points.rules.RuleDraft;
import cn.moralbank.points.rules.RulesCatalog;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A city of two counties (承德市: 丰宁, 隆化) and another city (沧州市: 青县) on one database. The city office sees
 * both counties of its city, compared side by side, and drills down to their townships and villages; it sees nothing
 * of the other city; each county keeps its own settings and rating rounds, and a county office sees only its own.
 */
@MicronautTest(transactional = false)
class CityOfCountiesTest extends DatabaseTest {
    @Inject Regions regions;
    @Inject Households households;
    @Inject Rankings rankings;
    @Inject RatingQueries ratings;
    @Inject RatingRounds rounds;
    @Inject RatingSettings ratingSettings;
    @Inject CountySettings settings;
    @Inject RegionImport imports;
    @Inject Clock clock;
    @Inject RulesCatalog rules;

    Region chengde;
    Region fengning;
    Region longhua;
    Region qingxian;
    Actor city;
    Actor fengningOffice;
    Actor otherCity;

    @BeforeAll
    void cities() {
        chengde = regions.createCity("130800", "承德市");
        fengning = regions.createChild(chengde, "130826", "丰宁满族自治县");
        longhua = regions.createChild(chengde, "130825", "隆化县");
        Region cangzhou = regions.createCity("130900", "沧州市");
        qingxian = regions.createChild(cangzhou, "130922", "青县");
        city = new Actor("chengde.office", Role.CITY_OFFICE, chengde.path(), null, null);
        fengningOffice = new Actor("fengning.office", Role.COUNTY_OFFICE, fengning.path(), null, null);
        otherCity = new Actor("cangzhou.office", Role.CITY_OFFICE, cangzhou.path(), null, null);
        // each county's tree through the import, as a county's office would load it
        load(fengningOffice, "130826100,胡麻营镇,130826", "130826100201,河东村,130826100",
                "13082610020101,第一网格,130826100201");
        load(new Actor("longhua.office", Role.COUNTY_OFFICE, longhua.path(), null, null),
                "130825100,隆化镇,130825", "130825100201,北山村,130825100", "13082510020101,第一网格,130825100201");
        load(new Actor("qingxian.office", Role.COUNTY_OFFICE, qingxian.path(), null, null),
                "130922100,清州镇,130922", "130922100201,东村,130922100", "13092210020101,第一网格,130922100201");
        for (String grid : List.of("13082610020101", "13082510020101", "13092210020101")) {
            Region g = regions.byCode(grid);
            Actor admin = new Actor("admin." + grid, Role.VILLAGE_ADMIN, regions.get(g.parentId()).path(), null, null);
            households.register(admin, new NewHousehold(null, "户" + grid, "", "", null, grid));
        }
        Eventually.until("accounts opened", () -> rankings.figures(city, chengde.id(),
                Period.of(PeriodKind.ALL, LocalDate.now(clock))).households() == 2);
    }

    private void load(Actor office, String... rows) {
        StringBuilder csv = new StringBuilder("层级,区划代码,名称,上级代码\n");
        String[] levels = {"乡镇", "村", "网格"};
        for (int i = 0; i < rows.length; i++) {
            String[] cells = rows[i].split(",");
            csv.append(levels[i]).append(',').append(cells[0]).append(',').append(cells[1]).append(',')
                    .append(cells[2]).append('\n');
        }
        imports.importAll(office, "tree.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Under a city the county's rules catalog is the county's, not the city's (found in the acceptance walk). */
    @Test
    void aCountysRuleJudgesTheDeedsOfItsVillagesUnderACity() {
        var rule = rules.addCountyRule(fengningOffice, fengning.id(), new RuleDraft(
                "CITY-1", "扶老助困", Category.SOCIAL, 10, 10, 10,
                Evidence.WITNESS, null, null, ""), null);
        Region hedong = regions.byCode("130826100201");
        LocalDate today = LocalDate.now(clock);
        assertEquals(rule.id(), rules.judging(rule.id(), hedong, today).id());
        Actor admin = new Actor("admin.hedong", Role.VILLAGE_ADMIN, hedong.path(), null, null);
        assertTrue(rules.villageRules(admin, hedong.id(), today).stream().anyMatch(r -> r.rule().id().equals(rule.id())),
                "the village sees its county's rule");
        assertThrows(NotFound.class,
                () -> rules.judging(rule.id(), regions.byCode("130825100201"), today), "another county's village");
    }

    @Test
    void theCityOfficeComparesBothCountiesOfItsCityAndDrillsDown() {
        Period all = Period.of(PeriodKind.ALL, LocalDate.now(clock));
        List<RegionStanding> counties = rankings.children(city, chengde.id(), all, Measure.EARNED);
        assertEquals(List.of("130825", "130826"), counties.stream().map(RegionStanding::code).sorted().toList());
        assertEquals(RegionLevel.TOWNSHIP, regions.byCode("130826100").level());
        List<RegionStanding> townships = rankings.children(city, fengning.id(), all, Measure.EARNED);
        assertEquals(List.of("130826100"), townships.stream().map(RegionStanding::code).toList());
        assertEquals(1, rankings.within(city, chengde.id(), RegionLevel.VILLAGE, all, Measure.EARNED).stream()
                .filter(v -> v.code().equals("130825100201")).count());
        assertEquals(2, households.search(city, "", 0, 50).getTotalSize(), "both counties' households");
        assertTrue(ratings.rounds(city).isEmpty());
        assertEquals(chengde.id(), ratingSettings.ofActor(city).countyId(), "the city compares by standard colours");
    }

    @Test
    void theCityOfficeSeesNothingOfAnotherCityAndACountyOnlyItsOwn() {
        Period all = Period.of(PeriodKind.ALL, LocalDate.now(clock));
        assertThrows(AccessDenied.class, () -> rankings.children(city, qingxian.id(), all, Measure.EARNED));
        assertThrows(AccessDenied.class, () -> rankings.region(otherCity, fengning.id()));
        assertThrows(AccessDenied.class, () -> regions.visible(city, qingxian.id()));
        assertTrue(households.search(otherCity, "", 0, 50).getContent().stream()
                .allMatch(h -> h.regionPath().startsWith("/130900/")));
        assertEquals(1, households.search(otherCity, "", 0, 50).getTotalSize());
        assertThrows(AccessDenied.class, () -> rankings.children(fengningOffice, longhua.id(), all, Measure.EARNED));
        assertThrows(AccessDenied.class, () -> rankings.children(fengningOffice, chengde.id(), all, Measure.EARNED));
        assertEquals(1, households.search(fengningOffice, "", 0, 50).getTotalSize());
    }

    @Test
    void eachCountyOfTheCityKeepsItsOwnSettingsAndTheCityOfficeSetsNone() {
        settings.change(fengningOffice, CountySetting.NOTICE_DAYS, "5", null);
        assertEquals(5, settings.objectionDays(regions.byCode("130826100201")));
        assertEquals(7, settings.objectionDays(regions.byCode("130825100201")), "隆化 keeps its own");
        assertEquals(fengning.id(), regions.countyOf(regions.byCode("13082610020101").path()).id());
        assertThrows(AccessDenied.class, () -> settings.change(city, CountySetting.NOTICE_DAYS, "3", null));
        assertThrows(AccessDenied.class, () -> rounds.openHouseholds(city,
                String.valueOf(LocalDate.now(clock).getYear())));
        assertThrows(BadInput.class, () -> imports.importAll(fengningOffice, "x.csv",
                "层级,区划代码,名称,上级代码\n县,130827,别的县,130800\n".getBytes()), "a county office adds no county");
    }
}
