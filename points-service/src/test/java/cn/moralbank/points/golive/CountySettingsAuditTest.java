package cn.moralbank.points.golive;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.household.CountySetting;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Sql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * County settings on the office's page: each change in force from its date, kept with who, when, before and after;
 * only the county's own office may change them; a value out of range or a date in the past is refused and changes
 * nothing. Each test works on its own county, so their order does not matter.
 */
@MicronautTest(transactional = false)
class CountySettingsAuditTest extends DatabaseTest {
    @Inject CountySettings settings;
    @Inject Regions regions;
    @Inject Clock clock;
    @Inject DataSource dataSource;

    Sql sql;

    @BeforeAll
    void sql() {
        sql = new Sql(dataSource);
    }

    private Actor county(String code) {
        Region county = regions.createCounty(code, "县" + code);
        settings.save(county, 0, 7);
        return new Actor("office." + code, Role.COUNTY_OFFICE, county.path(), null, null);
    }

    @Test
    void aChangeIsKeptWithWhoWhenBeforeAndAfterAndAppliesFromItsDate() {
        Actor office = county("130826");
        Region village = regions.createChild(regions.createChild(regions.byPath(office.regionPath()), "130826100",
                "胡麻营镇"), "130826100201", "河东村");
        LocalDate today = LocalDate.now(clock);

        settings.change(office, CountySetting.NOTICE_DAYS, "5", today);
        settings.change(office, CountySetting.NOTICE_DAYS, "3", today.plusDays(10));
        settings.change(office, CountySetting.DISPLAY_NAME, "丰宁满族自治县", null);

        assertEquals(5, settings.objectionDays(village), "the later change is not in force yet");
        assertEquals(3, Integer.parseInt(settings.valueOn(village, CountySetting.NOTICE_DAYS, today.plusDays(10))
                .orElseThrow()));
        assertEquals("丰宁满族自治县", settings.displayName(village).orElseThrow());
        List<CountySettings.Change> history = settings.history(office);
        assertEquals(3, history.size());
        CountySettings.Change first = history.stream().filter(c -> c.after().equals("5")).findFirst().orElseThrow();
        assertEquals("7", first.before(), "before: the value the county was loaded with");
        assertEquals("office.130826", first.changedBy());
        assertNotNull(first.changedAt());
        CountySettings.Change second = history.stream().filter(c -> c.after().equals("3")).findFirst().orElseThrow();
        assertEquals("5", second.before());
        assertEquals(today.plusDays(10), second.effectiveFrom());
    }

    @Test
    void onlyTheCountysOwnOfficeChangesItsSettingsAndABadValueChangesNothing() {
        Actor office = county("130827");
        Actor other = county("130828");
        Actor township = new Actor("town", Role.TOWNSHIP_OFFICER, regions.createChild(
                regions.byPath(office.regionPath()), "130827100", "镇").path(), null, null);
        long before = sql.count("SELECT count(*) FROM county_setting_change");

        assertThrows(AccessDenied.class, () -> settings.change(township, CountySetting.NOTICE_DAYS, "3", null));
        assertThrows(AccessDenied.class, () -> settings.history(township));
        assertEquals("settings.NOTICE_DAYS.invalid", assertThrows(BadInput.class,
                () -> settings.change(office, CountySetting.NOTICE_DAYS, "31", null)).code());
        assertEquals("settings.NOTICE_DAYS.invalid", assertThrows(BadInput.class,
                () -> settings.change(office, CountySetting.NOTICE_DAYS, "1.5", null)).code());
        assertEquals("settings.BLOCK_BELOW_STARS.invalid", assertThrows(BadInput.class,
                () -> settings.change(office, CountySetting.BLOCK_BELOW_STARS, "6", null)).code());
        assertEquals("settings.REPORT_SCHEDULE.invalid", assertThrows(BadInput.class,
                () -> settings.change(office, CountySetting.REPORT_SCHEDULE, "DAILY", null)).code());
        assertEquals("settings.DISPLAY_NAME.invalid", assertThrows(BadInput.class,
                () -> settings.change(office, CountySetting.DISPLAY_NAME, " ", null)).code());
        // the name is in every page's top bar and on print: nothing reversed, hidden or unstorable in it
        for (String hostile : new String[]{"\u202E县名", "县\u0007名", "县\u200B名", "县\u0000名"}) {
            assertEquals("settings.DISPLAY_NAME.invalid", assertThrows(BadInput.class,
                    () -> settings.change(office, CountySetting.DISPLAY_NAME, hostile, null)).code(), hostile);
        }
        assertEquals("settings.from.past", assertThrows(BadInput.class, () -> settings.change(office,
                CountySetting.NOTICE_DAYS, "3", LocalDate.now(clock).minusDays(1))).code());
        assertEquals(before, sql.count("SELECT count(*) FROM county_setting_change"));

        settings.change(other, CountySetting.NOTICE_DAYS, "0", null);
        assertEquals(0, settings.objectionDays(regions.byPath(other.regionPath())), "0 days: credited at once");
        assertEquals(7, settings.objectionDays(regions.byPath(office.regionPath())), "the other county is untouched");
        assertTrue(settings.history(office).isEmpty());
        settings.change(other, CountySetting.REPORT_SCHEDULE, "year, month", null);
        assertEquals("MONTH,YEAR", settings.current(regions.byPath(other.regionPath()),
                CountySetting.REPORT_SCHEDULE).orElseThrow());
    }
}
