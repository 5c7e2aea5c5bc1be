package cn.moralbank.points.deed;

import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.DeedStatus;
import cn.moralbank.points.deed.api.PhotoId;
import cn.moralbank.points.rules.Category;
import cn.moralbank.points.rules.Evidence;
import cn.moralbank.points.rules.RuleDraft;
import cn.moralbank.points.rules.RulesCatalog;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The bounds the domain keeps whatever the caller (issue 14): a rule's points within the per-entry limit even at
 * Long.MIN_VALUE, rule dates in a sane window, and photos uploaded and never reported that cannot fill the database
 * (a household holds at most a dozen unreported photos; those older than a day are deleted, a reported one is kept).
 */
@MicronautTest(transactional = false)
class DomainBoundsTest extends DatabaseTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
            'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};

    @Inject ApplicationContext context;
    @Inject DeedPhotos photos;
    @Inject DeedReports reports;
    @Inject DeedQueries queries;
    @Inject DataSource dataSource;
    @Inject MovableClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("moralbank.deeds.objection-job.enabled", "false");
        properties.put("moralbank.deeds.photo-cleanup.enabled", "false");
        return properties;
    }

    @Inject RulesCatalog catalog;

    @Test
    void aRuleOfLongMinValuePointsOrOfTheYearOneIsRefused() {
        DeedWorld world = new DeedWorld(context, "R");
        var draft = new RuleDraft("SOC-91", "打架", Category.SOCIAL,
                -5, Long.MIN_VALUE, -1, Evidence.NONE, null, null, null);
        BadInput tooLarge = assertThrows(BadInput.class,
                () -> catalog.addCountyRule(world.countyOffice, world.county.id(), draft, null));
        assertEquals("rules.points.too-large", tooLarge.code());
        var fine = RuleDraft.fixed("SOC-92", "扶老", Category.SOCIAL,
                5, Evidence.NONE);
        for (LocalDate day : List.of(LocalDate.of(1, 1, 1), LocalDate.of(99999, 1, 1))) {
            BadInput date = assertThrows(BadInput.class,
                    () -> catalog.addCountyRule(world.countyOffice, world.county.id(), fine, day));
            assertEquals("date.out-of-range", date.code());
        }
    }

    @Test
    void unreportedPhotosHaveAQuotaPerHouseholdAndAreDeletedAfterADay() {
        DeedWorld world = new DeedWorld(context, "Q");
        List<PhotoId> uploaded = new ArrayList<>();
        for (int i = 0; i < DeedPhotos.UNATTACHED_PER_HOUSEHOLD; i++) {
            uploaded.add(photos.upload(world.gridWorker1, world.wang.householdId(), PNG));
        }
        BadInput refused = assertThrows(BadInput.class,
                () -> photos.upload(world.gridWorker1, world.wang.householdId(), PNG));
        assertEquals("photo.quota.household", refused.code());

        DeedId deed = reports.report(world.gridWorker1, new DeedReport(world.wang.householdId(), world.helping.id(),
                LocalDate.now(clock), "帮邻居修屋顶", List.of(uploaded.get(0)), null));
        Eventually.until("the deed in the view", () -> {
            try {
                return queries.deed(world.admin, deed).status() == DeedStatus.PENDING;
            } catch (NotFound notYet) {
                return false;
            }
        });
        // one was reported: there is room for one more
        photos.upload(world.gridWorker1, world.wang.householdId(), PNG);

        Sql sql = new Sql(dataSource);
        sql.update("UPDATE deed_photo SET uploaded_at = uploaded_at - interval '25 hours' WHERE household_id = ?",
                world.wang.householdId().value());
        assertEquals(DeedPhotos.UNATTACHED_PER_HOUSEHOLD, photos.deleteUnattached());
        assertEquals(1, sql.count("SELECT count(*) FROM deed_photo WHERE household_id = ?",
                world.wang.householdId().value()), "the reported photo stays");
        assertEquals(1, sql.count("SELECT count(*) FROM deed_photo WHERE id = ?", uploaded.get(0).value()));
    }

    /** A reporter uploads at most PER_REPORTER_PER_DAY photos a day, whatever households they are for. */
    @Test
    void aReporterUploadsAtMostSixtyPhotosADayAcrossHouseholds() {
        DeedWorld world = new DeedWorld(context, "U");
        Sql sql = new Sql(dataSource);
        for (int uploaded = 0; uploaded < DeedPhotos.PER_REPORTER_PER_DAY; ) {
            for (int i = 0; i < DeedPhotos.UNATTACHED_PER_HOUSEHOLD && uploaded < DeedPhotos.PER_REPORTER_PER_DAY;
                 i++, uploaded++) {
                photos.upload(world.gridWorker1, world.wang.householdId(), PNG);
            }
            // the household's own quota is not what is tested: its photos are moved to its neighbour's (kept today)
            sql.update("UPDATE deed_photo SET household_id = ? WHERE household_id = ?",
                    world.neighbour.householdId().value(), world.wang.householdId().value());
        }
        BadInput refused = assertThrows(BadInput.class,
                () -> photos.upload(world.gridWorker1, world.li.householdId(), PNG));
        assertEquals("photo.quota.reporter", refused.code());
        sql.update("UPDATE deed_photo SET uploaded_at = uploaded_at - interval '25 hours' WHERE uploaded_by = ?",
                world.gridWorker1.userId());
        photos.upload(world.gridWorker1, world.li.householdId(), PNG); // a day later there is room again
    }
}
