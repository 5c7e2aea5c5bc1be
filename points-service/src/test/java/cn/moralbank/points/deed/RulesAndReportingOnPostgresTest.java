package cn.moralbank.points.deed;

import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.household.HouseholdBooks;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.DeedStatus;
import cn.moralbank.points.deed.api.PhotoId;
import cn.moralbank.points.deed.api.VoteChoice;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.rules.*;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static cn.moralbank.points.deed.DeedPathOnPostgresTest.assertRefused;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The rules catalog and the checks of reporting, on a real PostgreSQL, through the public services; and the
 * scheduled objection-period job running on its own.
 */
@MicronautTest(transactional = false)
class RulesAndReportingOnPostgresTest extends DatabaseTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F'};
    private static final byte[] WEBP = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '};
    private static final byte[] PDF = "%PDF-1.7 a document renamed to photo.jpg".getBytes();

    @Inject ApplicationContext context;
    @Inject RulesCatalog catalog;
    @Inject DeedReports reports;
    @Inject DeedPhotos photos;
    @Inject DeedQueries queries;
    @Inject ReviewSessions sessions;
    @Inject CountySettings counties;
    @Inject MovableClock clock;
    @Inject DataSource dataSource;

    private DeedWorld world;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        // the scheduled job runs here, briskly: one test waits for it to book a deed by itself
        properties.put("moralbank.deeds.objection-job.first-run", "1s");
        properties.put("moralbank.deeds.objection-job.interval", "1s");
        return properties;
    }

    @BeforeAll
    void buildTheCounty() {
        world = new DeedWorld(context, "R");
    }

    @Test
    void everyRefusedReportNamesItsReasonAndChangesNothing() {
        Rule policy = catalog.addCountyRule(world.countyOffice, world.county.id(),
                RuleDraft.fixed("POL-01", "积极宣传党的方针政策", Category.POLITICAL, 3, Evidence.NONE), null);
        catalog.switchOff(world.admin, world.village.id(), policy.id(), "本村由党支部统一宣传");
        Rule otherVillagesOwn = catalog.addLocalRule(world.otherAdmin, world.otherVillage.id(),
                RuleDraft.fixed("L-01", "剪纸传承", Category.SPIRITUAL, 2, Evidence.NONE), null);
        PhotoId photoOfLi = photos.upload(world.gridWorker1, world.li.householdId(), PNG);
        HouseholdId wang = world.wang.householdId();
        LocalDate today = today();
        long reportsBefore = reportedEvents();

        assertRefusal(NotFound.class, "rules.not-found", () -> report(world.gridWorker1, wang, new RuleId(999_999), today));
        assertRefusal(NotFound.class, "rules.not-found", () -> report(world.gridWorker1, wang, otherVillagesOwn.id(), today));
        assertRefused("rules.switched-off", () -> report(world.gridWorker1, wang, policy.id(), today));
        assertRefused("deed.date.future", () -> report(world.gridWorker1, wang, world.helping.id(), today.plusDays(1)));
        LocalDate registered = world.wang.createdAt().atZone(clock.getZone()).toLocalDate();
        assertRefused("deed.date.before-household",
                () -> report(world.gridWorker1, wang, world.helping.id(), registered.minusDays(1)));
        assertRefused("deed.date.missing", () -> report(world.gridWorker1, wang, world.helping.id(), null));
        // go-live: a household registered today with its paper passbook of ten days ago may have the deeds after it,
        // not those up to it, which its opening balance holds
        Household carried = context.getBean(Households.class).register(world.admin,
                new NewHousehold(null, "期初户", "", "", null, world.grid1.code()));
        LocalDate read = today.minusDays(10);
        context.getBean(HouseholdBooks.class).bookOpening(world.admin, carried.householdId(), "40", read.toString(),
                "R-CARRIED-1", "opening-form-token-r1");
        report(world.gridWorker1, carried.householdId(), world.helping.id(), read.plusDays(1));
        assertRefused("deed.date.in-opening-balance",
                () -> report(world.gridWorker1, carried.householdId(), world.helping.id(), read));
        assertRefusal(NotFound.class, "household.not-found",
                () -> report(world.admin, new HouseholdId("no-such-household"), world.helping.id(), today));
        // scope: another grid's grid worker, another village's administrator, another household's villager,
        // and roles that do not report at all
        for (Actor outsider : List.of(world.gridWorker2, world.otherAdmin, world.villagerZhao, world.committee.get(0),
                world.countyOffice)) {
            assertThrows(AccessDenied.class, () -> report(outsider, wang, world.helping.id(), today),
                    outsider.userId());
        }
        assertRefused("deed.evidence.photo-missing", () -> report(world.gridWorker1, wang, world.trees.id(), today));
        assertRefused("photo.unknown", () -> reports.report(world.gridWorker1, new DeedReport(wang, world.trees.id(),
                today, "种树", List.of(photoOfLi), null)));
        assertRefused("deed.description.invalid", () -> reports.report(world.gridWorker1,
                new DeedReport(wang, world.helping.id(), today, " ", null, null)));

        assertEquals(reportsBefore + 1, reportedEvents(), "no refused report reached the event store (one accepted)");
        catalog.switchOn(world.admin, world.village.id(), policy.id());
        DeedId allowed = report(world.gridWorker1, wang, policy.id(), today);
        assertNotNull(allowed);
        assertEquals(reportsBefore + 2, reportedEvents());
    }

    @Test
    void aRuleLimitedToOncePerMonthRefusesTheSecondReportOfTheMonthButNotAfterAWithdrawalOrInTheNextMonth() {
        HouseholdId li = world.li.householdId();
        DeedId first = report(world.gridWorker1, li, world.cleanUp.id(), today());
        BadInput refusal = assertThrows(BadInput.class, () -> report(world.admin, li, world.cleanUp.id(), today()));
        assertEquals("deed.limit.reached", refusal.code());
        assertEquals("ECO-01", refusal.arguments().get(0));
        assertEquals(1, refusal.arguments().get(1));

        awaitStatus(first, DeedStatus.PENDING);
        reports.withdraw(world.gridWorker1, first, "重复上报");
        DeedId again = report(world.admin, li, world.cleanUp.id(), today());
        assertNotNull(again);

        LocalDate today = today();
        LocalDate firstOfNextMonth = today.withDayOfMonth(1).plusMonths(1);
        clock.advance(Duration.ofDays(firstOfNextMonth.toEpochDay() - today.toEpochDay()));
        assertNotNull(report(world.gridWorker1, li, world.cleanUp.id(), today()));
        assertRefused("deed.limit.reached", () -> report(world.gridWorker1, li, world.cleanUp.id(), today()));
    }

    @Test
    void reportsSentAtTheSameMomentCannotTogetherPassALimitOfOne() throws Exception {
        Rule onceAYear = catalog.addCountyRule(world.countyOffice, world.county.id(),
                RuleDraft.fixed("MAT-09", "脱贫致富", Category.MATERIAL, 20, Evidence.NONE)
                        .withLimit(1, LimitPeriod.YEAR), null);
        HouseholdId zhao = world.zhao.householdId();
        ExecutorService reporters = Executors.newFixedThreadPool(6);
        List<Callable<DeedId>> attempts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            attempts.add(() -> report(world.gridWorker2, zhao, onceAYear.id(), today()));
        }
        int accepted = 0;
        int refused = 0;
        for (Future<DeedId> attempt : reporters.invokeAll(attempts)) {
            try {
                attempt.get(60, TimeUnit.SECONDS);
                accepted++;
            } catch (ExecutionException e) {
                assertEquals("deed.limit.reached", ((BadInput) e.getCause()).code());
                refused++;
            }
        }
        reporters.shutdown();
        assertEquals(1, accepted);
        assertEquals(5, refused);
    }

    @Test
    void photosAreKeptOnlyWhenSmallEnoughAndReallyImagesAndShownOnlyWithinScope() {
        HouseholdId wang = world.wang.householdId();
        PhotoId png = photos.upload(world.gridWorker1, wang, PNG);
        assertEquals("image/jpeg", photos.read(world.admin, photos.upload(world.villagerWang, wang, JPEG)).contentType());
        assertEquals("image/webp", photos.read(world.admin, photos.upload(world.admin, wang, WEBP)).contentType());
        byte[] oversize = Arrays.copyOf(PNG, 5 * 1024 * 1024 + 1);
        assertRefused("photo.too-large", () -> photos.upload(world.gridWorker1, wang, oversize));
        assertRefused("photo.not-an-image", () -> photos.upload(world.gridWorker1, wang, PDF));
        assertRefused("photo.empty", () -> photos.upload(world.gridWorker1, wang, new byte[0]));
        assertThrows(AccessDenied.class, () -> photos.upload(world.gridWorker2, wang, PNG));

        Photo stored = photos.read(world.committee.get(0), png);
        assertEquals("image/png", stored.contentType());
        assertArrayEquals(PNG, stored.data());
        assertThrows(AccessDenied.class, () -> photos.read(world.neighbourVillager, png));
        assertThrows(AccessDenied.class, () -> photos.read(world.villagerZhao, png));

        DeedId trees = reports.report(world.gridWorker1, new DeedReport(wang, world.trees.id(), today(),
                "在村口种了二十棵杨树，全部成活", List.of(png), null));
        awaitStatus(trees, DeedStatus.PENDING);
        assertEquals(List.of(png), queries.deed(world.villagerWang, trees).photos());
    }

    @Test
    void aDeedIsJudgedByTheVersionOfTheRuleInForceOnTheDayItHappened() {
        Rule v1 = catalog.addCountyRule(world.countyOffice, world.county.id(),
                RuleDraft.fixed("SOC-05", "调解邻里纠纷", Category.SOCIAL, 4, Evidence.NONE), null);
        LocalDate today = today();
        assertRefused("rules.valid-from.not-future", () -> catalog.change(world.countyOffice, v1.id(),
                RuleDraft.fixed(null, "调解邻里纠纷", Category.SOCIAL, 6, Evidence.NONE), today));
        assertThrows(AccessDenied.class, () -> catalog.change(world.admin, v1.id(),
                RuleDraft.fixed(null, "调解邻里纠纷", Category.SOCIAL, 6, Evidence.NONE), today.plusDays(1)));
        Rule v2 = catalog.change(world.countyOffice, v1.id(),
                RuleDraft.fixed(null, "调解邻里纠纷", Category.SOCIAL, 6, Evidence.NONE), today.plusDays(1));
        assertEquals(2, v2.version());
        assertEquals(List.of(1, 2), catalog.history(world.villagerWang, v1.id()).stream().map(Rule::version).toList());

        DeedId judgedByV1 = report(world.admin, world.zhao.householdId(), v1.id(), today);
        clock.advance(Duration.ofDays(1));
        DeedId judgedByV2 = report(world.admin, world.zhao.householdId(), v1.id(), today());
        DeedId dayBefore = report(world.admin, world.zhao.householdId(), v1.id(), today().minusDays(1));
        awaitStatus(dayBefore, DeedStatus.PENDING);
        awaitStatus(judgedByV1, DeedStatus.PENDING);
        awaitStatus(judgedByV2, DeedStatus.PENDING);
        assertEquals(List.of(1, 4L), versionAndPoints(judgedByV1));
        assertEquals(List.of(2, 6L), versionAndPoints(judgedByV2));
        assertEquals(List.of(1, 4L), versionAndPoints(dayBefore));

        catalog.retire(world.countyOffice, v1.id(), today().plusDays(1));
        clock.advance(Duration.ofDays(1));
        assertRefused("rules.not-in-force", () -> report(world.admin, world.zhao.householdId(), v1.id(), today()));
        assertTrue(catalog.countyRules(world.countyOffice, world.county.id(), today()).stream()
                .noneMatch(r -> r.code().equals("SOC-05")));
    }

    @Test
    void aVillageSwitchesCountyRulesOffAndAddsItsOwnWithinTheCountysLimits() {
        assertThrows(AccessDenied.class, () -> catalog.setLocalLimits(world.admin, world.county.id(),
                new LocalRuleLimits(100, 100)));
        catalog.setLocalLimits(world.countyOffice, world.county.id(), new LocalRuleLimits(5, 2));
        assertThrows(AccessDenied.class, () -> catalog.addLocalRule(world.countyOffice, world.village.id(),
                RuleDraft.fixed("H-01", "剪纸", Category.SPIRITUAL, 2, Evidence.NONE), null));
        assertRefused("rules.local.points-over-limit", () -> catalog.addLocalRule(world.admin, world.village.id(),
                RuleDraft.fixed("H-01", "剪纸", Category.SPIRITUAL, 2, Evidence.NONE).withRange(1, 6), null));
        Rule paperCutting = catalog.addLocalRule(world.admin, world.village.id(),
                RuleDraft.fixed("H-01", "剪纸传承", Category.SPIRITUAL, 2, Evidence.NONE).withRange(1, 5), null);
        catalog.addLocalRule(world.admin, world.village.id(),
                RuleDraft.fixed("H-02", "手工布娃娃", Category.MATERIAL, 1, Evidence.NONE), null);
        assertRefused("rules.local.too-many", () -> catalog.addLocalRule(world.admin, world.village.id(),
                RuleDraft.fixed("H-03", "蒙古帽", Category.MATERIAL, 1, Evidence.NONE), null));
        assertRefused("rules.switch-off.not-a-county-rule",
                () -> catalog.switchOff(world.admin, world.village.id(), paperCutting.id(), null));
        assertThrows(AccessDenied.class,
                () -> catalog.switchOff(world.otherAdmin, world.village.id(), world.fighting.id(), null));
        catalog.switchOff(world.admin, world.village.id(), world.fighting.id(), "本村试行调解代替扣分");

        List<VillageRule> ours = catalog.villageRules(world.villagerWang, world.village.id(), today());
        assertTrue(ours.stream().anyMatch(r -> r.rule().code().equals("SOC-09") && r.switchedOff()));
        assertTrue(ours.stream().anyMatch(r -> r.rule().code().equals("H-01") && r.rule().local()));
        List<VillageRule> theirs = catalog.villageRules(world.otherAdmin, world.otherVillage.id(), today());
        assertTrue(theirs.stream().noneMatch(r -> r.rule().code().startsWith("H-")));
        assertTrue(theirs.stream().anyMatch(r -> r.rule().code().equals("SOC-09") && !r.switchedOff()));
        assertThrows(AccessDenied.class,
                () -> catalog.villageRules(world.neighbourVillager, world.village.id(), today()));

        assertNotNull(report(world.admin, world.wang.householdId(), paperCutting.id(), today()));
        assertRefused("rules.switched-off", () -> report(world.admin, world.wang.householdId(),
                world.fighting.id(), today()));
        assertRefusal(NotFound.class, "rules.not-found",
                () -> report(world.otherAdmin, world.neighbour.householdId(), paperCutting.id(), today()));
        catalog.switchOn(world.admin, world.village.id(), world.fighting.id());
    }

    @Test
    void aRuleMustBeWellFormedBeforeItEntersTheCatalog() {
        long county = world.county.id();
        assertRefused("rules.points.zero", () -> catalog.addCountyRule(world.countyOffice, county,
                RuleDraft.fixed("X-1", "零分", Category.SOCIAL, 0, Evidence.NONE), null));
        assertRefused("rules.range.invalid", () -> catalog.addCountyRule(world.countyOffice, county,
                RuleDraft.fixed("X-2", "跨零", Category.SOCIAL, 5, Evidence.NONE).withRange(-5, 10), null));
        assertRefused("rules.range.invalid", () -> catalog.addCountyRule(world.countyOffice, county,
                RuleDraft.fixed("X-3", "标准分不在范围内", Category.SOCIAL, 5, Evidence.NONE).withRange(6, 10), null));
        assertRefused("rules.limit.invalid", () -> catalog.addCountyRule(world.countyOffice, county,
                RuleDraft.fixed("X-4", "只有次数", Category.SOCIAL, 5, Evidence.NONE).withLimit(2, null), null));
        assertRefused("rules.code.taken", () -> catalog.addCountyRule(world.countyOffice, county,
                RuleDraft.fixed("SOC-01", "重复编号", Category.SOCIAL, 5, Evidence.NONE), null));
        assertRefused("rules.code.invalid", () -> catalog.addCountyRule(world.countyOffice, county,
                RuleDraft.fixed("坏 编号", "编号", Category.SOCIAL, 5, Evidence.NONE), null));
        assertRefused("rules.category.missing", () -> catalog.addCountyRule(world.countyOffice, county,
                RuleDraft.fixed("X-5", "无类别", null, 5, Evidence.NONE), null));
        assertThrows(AccessDenied.class, () -> catalog.addCountyRule(world.admin, county,
                RuleDraft.fixed("X-6", "村里加县级细则", Category.SOCIAL, 5, Evidence.NONE), null));
    }

    @Test
    void theScheduledJobBooksADeedWhosePeriodEndedWithoutAnyoneAskingIt() {
        counties.save(world.county, DeedWorld.BASE_SCORE, 0);
        try {
            DeedId deed = report(world.admin, world.li.householdId(), world.helping.id(), today());
            awaitStatus(deed, DeedStatus.PENDING);
            sessions.prepare(world.admin, world.village.id(), "当场公示的评议会", null, List.of(deed));
            awaitStatus(deed, DeedStatus.UNDER_REVIEW);
            for (int i = 0; i < 3; i++) {
                sessions.vote(world.committee.get(i), deed, VoteChoice.APPROVE, null);
            }
            awaitStatus(deed, DeedStatus.CREDITED);
        } finally {
            counties.save(world.county, DeedWorld.BASE_SCORE, 7);
        }
    }

    private DeedId report(Actor actor, HouseholdId household, RuleId rule, LocalDate date) {
        return reports.report(actor, new DeedReport(household, rule, date, "事迹经过", null, "村民刘某"));
    }

    private List<Object> versionAndPoints(DeedId deed) {
        DeedView view = queries.deed(world.admin, deed);
        return List.of(view.ruleVersion(), view.points());
    }

    private long reportedEvents() {
        return new Sql(dataSource).count("SELECT count(*) FROM domain_event_entry WHERE payload_type = ?",
                "cn.moralbank.points.deed.api.DeedReported");
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private void awaitStatus(DeedId deed, DeedStatus status) {
        Eventually.until(deed.value() + " " + status, () -> {
            try {
                return queries.deed(world.admin, deed).status() == status;
            } catch (NotFound notYet) {
                return false;
            }
        });
    }

    private static void assertRefusal(Class<? extends RuntimeException> type, String code, Runnable action) {
        RuntimeException e = assertThrows(type, action::run);
        String actual = e instanceof NotFound nf ? nf.code() : ((BadInput) e).code();
        assertEquals(code, actual);
    }
}
