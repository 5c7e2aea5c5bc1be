package cn.moralbank.points.rating;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.deed.MovableClock;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.people.People;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.rating.api.HouseholdCriteria;
import cn.moralbank.points.rating.api.RatingRefusal;
import cn.moralbank.points.rating.api.RatingRoundId;
import cn.moralbank.points.region.Region;
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
import org.junit.jupiter.api.function.Executable;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Rating rounds on a real PostgreSQL through the public services: scores from the projections, the township's score,
 * adjustments, publication, appeals, household stars and the redemption rule, and every refusal of scope.
 */
@MicronautTest(transactional = false)
class RatingRoundsOnPostgresTest extends DatabaseTest {
    @Inject Regions regions;
    @Inject People people;
    @Inject Households households;
    @Inject CountySettings countySettings;
    @Inject Ledger ledger;
    @Inject CommandGateway gateway;
    @Inject RatingRounds rounds;
    @Inject RatingQueries queries;
    @Inject RatingSettings settings;
    @Inject RedemptionEligibility eligibility;
    @Inject Clock clock;
    @Inject DataSource dataSource;

    private Actor office;
    private Actor humaying;
    private Actor huangqi;
    private Actor grid1;
    private Actor grid2;
    private Actor grid3;
    private final List<Household> hedong1 = new ArrayList<>();
    private final List<Household> hedong2 = new ArrayList<>();
    private Household leguo;
    private Period quarter;
    private Region hedongVillage;

    @BeforeAll
    void county() {
        Region county = regions.createCounty("130826", "丰宁满族自治县");
        countySettings.save(county, 0, 7);
        Region t1 = regions.createChild(county, "130826103", "胡麻营镇");
        Region t2 = regions.createChild(county, "130826102", "黄旗镇");
        Region hedong = regions.createChild(t1, "130826103201", "河东村");
        hedongVillage = hedong;
        Region g1 = regions.createChild(hedong, "13082610320101", "第一网格");
        Region g2 = regions.createChild(hedong, "13082610320102", "第二网格");
        Region leguoVillage = regions.createChild(t2, "130826102201", "乐国窝铺村");
        Region g3 = regions.createChild(leguoVillage, "13082610220101", "第一网格");
        office = actor("wenmingban", "县文明办", Role.COUNTY_OFFICE, county);
        humaying = actor("humaying", "胡麻营镇干部", Role.TOWNSHIP_OFFICER, t1);
        huangqi = actor("huangqi", "黄旗镇干部", Role.TOWNSHIP_OFFICER, t2);
        grid1 = actor("hedong.grid1", "张建国", Role.GRID_WORKER, g1);
        grid2 = actor("hedong.grid2", "李秀兰", Role.GRID_WORKER, g2);
        grid3 = actor("leguo.grid1", "赵德胜", Role.GRID_WORKER, g3);
        Actor admin = new Actor("hedong.admin", Role.VILLAGE_ADMIN, hedong.path(), null, null);
        Actor leguoAdmin = new Actor("leguo.admin", Role.VILLAGE_ADMIN, leguoVillage.path(), null, null);
        for (int i = 0; i < 4; i++) {
            hedong1.add(households.register(admin, new NewHousehold(null, "一组" + i, "", "", null, g1.code())));
            hedong2.add(households.register(admin, new NewHousehold(null, "二组" + i, "", "", null, g2.code())));
        }
        leguo = households.register(leguoAdmin, new NewHousehold(null, "孙长海", "", "", null, g3.code()));

        // this quarter: grid1 reported three deeds a day after each, two confirmed; grid2 one, objected and rejected
        quarter = Period.of(PeriodKind.QUARTER, LocalDate.now(clock));
        LocalDate day = quarter.start();
        DeedPath path = new DeedPath(gateway, ledger);
        DeedId a = path.report(grid1, hedong1.get(0).householdId(), hedong, Category.SOCIAL, 10, day,
                DeedPath.at(day.plusDays(1)));
        DeedId b = path.report(grid1, hedong1.get(1).householdId(), hedong, Category.ECOLOGICAL, 5, day,
                DeedPath.at(day.plusDays(1)));
        path.report(grid1, hedong1.get(2).householdId(), hedong, Category.SOCIAL, 5, day,
                DeedPath.at(day.plusDays(1)));
        DeedId c = path.report(grid2, hedong2.get(0).householdId(), hedong, Category.SOCIAL, 5, day,
                DeedPath.at(day.plusDays(3)));
        path.confirm(a, DeedPath.at(day.plusDays(2)), DeedPath.at(day.plusDays(10)));
        path.confirm(b, DeedPath.at(day.plusDays(2)), DeedPath.at(day.plusDays(10)));
        path.objectAndReject(c, DeedPath.at(day.plusDays(4)));
        Sql sql = new Sql(dataSource);
        Eventually.until("the rankings", () -> sql.count(
                "SELECT count(*) FROM ranking_deed WHERE status IN ('CONFIRMED', 'REJECTED')") == 3
                && sql.count("SELECT households FROM ranking_region_size WHERE region_id = ?", county.id()) == 9);
    }

    @Test
    void aQuarterOfGridWorkersIsScoredPublishedAppealedAndClosed() {
        assertRefused("rating.period.not-ended", () -> rounds.openWorkers(office, quarter.key()));
        // the quarter's round opens once the quarter is over: the clock goes to its first morning after
        Duration toEnd = Duration.between(clock.instant(),
                quarter.end().atTime(8, 0).atZone(clock.getZone()).toInstant());
        ((MovableClock) clock).advance(toEnd);
        try {
            quarterAfterItsEnd();
        } finally {
            ((MovableClock) clock).advance(toEnd.negated());
        }
    }

    private void quarterAfterItsEnd() {
        RatingRoundId id = rounds.openWorkers(office, quarter.key());
        assertEquals("W-130826-" + quarter.key(), id.value());
        Map<String, ResultView> results = byWorker(queries.results(office, id));
        assertEquals(3, results.size());
        ResultView zhang = results.get("hedong.grid1");
        assertEquals(3, zhang.reports());
        assertEquals(2, zhang.confirmed());
        assertEquals(1.0, zhang.averageDelay());
        assertEquals(50, zhang.participationScore(), "two of the grid's four households took part");
        ResultView li = results.get("hedong.grid2");
        assertEquals(1, li.foundWrong(), "an objection upheld against the report");
        assertEquals(0, li.accuracyScore());
        assertNull(results.get("leguo.grid1").timelinessScore(), "no reports: not judged on timeliness");

        assertRefused("rating.round.exists", () -> rounds.openWorkers(office, quarter.key()));
        // a second office (or node) opening it while the views do not hold the first yet: the event store refuses the
        // round's second opening, told as the same refusal (it was a "try again later")
        Sql sql = new Sql(dataSource);
        sql.update("CREATE TABLE held_round AS SELECT * FROM rating_round_view WHERE round_id = ?", id.value());
        sql.update("DELETE FROM rating_round_view WHERE round_id = ?", id.value());
        try {
            assertRefused("rating.round.exists", () -> rounds.openWorkers(office, quarter.key()));
        } finally {
            sql.update("INSERT INTO rating_round_view SELECT * FROM held_round");
            sql.update("DROP TABLE held_round");
        }
        // rounds go forward: the quarter before, rated after this one, would never flag two quarters in a row
        assertRefused("rating.round.earlier", () -> rounds.openWorkers(office, quarter.previous().key()));
        // a township officer scores the workers of their township, and no one else's
        rounds.townshipScore(humaying, id, "hedong.grid1", 95);
        assertEquals(95, queries.result(office, id, "hedong.grid1").townshipScore());
        assertThrows(AccessDenied.class, () -> rounds.townshipScore(humaying, id, "leguo.grid1", 95));
        assertEquals(2, queries.results(humaying, id).size(), "their own township's two workers");
        assertEquals(1, queries.results(huangqi, id).size());
        assertThrows(AccessDenied.class, () -> rounds.adjust(humaying, id, "hedong.grid2", 70, "调整"));
        assertThrows(AccessDenied.class, () -> rounds.publish(grid1, id));

        rounds.adjust(office, id, "hedong.grid2", 62, "新任网格员，前两个月在县里培训");
        ResultView adjusted = queries.result(office, id, "hedong.grid2");
        assertEquals(62, adjusted.score());
        assertEquals(3, adjusted.stars());
        assertTrue(adjusted.adjusted());

        rounds.publish(office, id);
        assertTrue(queries.round(office, id).published());
        assertRefused("rating.publish.already", () -> rounds.publish(office, id));
        assertRefused("rating.adjust.not-open", () -> rounds.adjust(office, id, "hedong.grid2", 90, "再调"));

        rounds.appeal(grid3, id, "本季度在县医院照顾住院的母亲，已请假");
        assertRefused("rating.appeal.twice", () -> rounds.appeal(grid3, id, "再次申诉"));
        assertThrows(AccessDenied.class, () -> rounds.appeal(office, id, "代为申诉"));
        assertEquals(List.of("hedong.grid1"), queries.results(grid1, id).stream().map(ResultView::subject).toList(),
                "a grid worker sees only their own result");
        assertRefused("rating.close.appeal-period-running", () -> rounds.close(office, id));
        rounds.decide(office, id, "leguo.grid1", true, 60, "请假属实，按合格计");
        ResultView upheld = queries.result(office, id, "leguo.grid1");
        assertEquals("UPHELD", upheld.appeal());
        assertEquals(60, upheld.score());
        assertEquals(List.of("TOWNSHIP", "ADJUSTED", "PUBLISHED", "APPEAL", "UPHELD"),
                queries.changes(office, id).stream().map(ChangeView::change).toList());
        assertEquals(1, queries.ofWorker(grid3).size());
    }

    @Test
    void starHouseholdsAreRatedForTheYearAndTheRedemptionRuleHoldsBackTheRest() {
        settings.saveHouseholds(office, new HouseholdCriteria(10, 1, 20, 1, 10));
        assertThrows(AccessDenied.class, () -> settings.saveHouseholds(humaying, HouseholdCriteria.standard()));
        assertRefused("rating.criteria.categories-out-of-range",
                () -> settings.saveHouseholds(office, new HouseholdCriteria(10, 0, 20, 1, 10)));
        String year = String.valueOf(LocalDate.now(clock).getYear());
        RatingRoundId id = rounds.openHouseholds(office, year);
        Map<String, ResultView> results = byWorker(queries.results(office, id));
        assertEquals(9, results.size());
        ResultView star = results.get(hedong1.get(0).id());
        assertEquals(1, star.stars(), "10 social points: one civilisation reached");
        assertEquals(List.of(0L, 0L, 0L, 10L, 0L), star.categoryPoints());
        assertEquals(0, results.get(hedong1.get(1).id()).stars(), "5 ecological points are not enough");

        assertTrue(eligibility.mayRedeem(hedong1.get(1).householdId()), "the rule waits for publication");
        // the test's clock stands still where the ledger's goes on: published now, after the points booked above
        ((MovableClock) clock).advance(Duration.between(clock.instant(), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        rounds.publish(office, id);
        assertTrue(eligibility.mayRedeem(hedong1.get(0).householdId()));
        Eligibility held = eligibility.check(hedong1.get(1).householdId());
        assertFalse(held.mayRedeem());
        assertEquals("rating.redeem.blocked", held.code());
        // its 5 points were booked this month, before the round was published: the round rated them, so they do not
        // count towards recovering (they did, by the month, the attacker's find)
        assertEquals(0L, ((Number) held.arguments().get(2)).longValue(), held.arguments().toString());
        // rated before its year ended: what the household earns from the round's publication on counts towards
        // recovering (it counted only from the next year, so nothing earned in the rest of this one could lift it)
        DeedPath path = new DeedPath(gateway, ledger);
        LocalDate day = quarter.start();
        DeedId more = path.report(grid1, hedong1.get(1).householdId(), hedongVillage, Category.SOCIAL, 10, day,
                DeedPath.at(day.plusDays(1)));
        path.confirm(more, DeedPath.at(day.plusDays(2)), DeedPath.at(day.plusDays(10)));
        Eventually.until("recovered by what it earned after the publication",
                () -> eligibility.check(hedong1.get(1).householdId()).code().equals("rating.redeem.recovered"));
        assertEquals(1, queries.ofHousehold(office, hedong1.get(0).householdId()).size());
        assertRefused("ranking.period.future",
                () -> rounds.openHouseholds(office, String.valueOf(LocalDate.now(clock).getYear() + 1)));
        assertRefused("ranking.period.malformed", () -> rounds.openHouseholds(office, "明年"));
    }

    private Actor actor(String username, String name, Role role, Region region) {
        return people.actorOf(people.create(username, name, "secret-password", role, region.id(), null, null));
    }

    private static Map<String, ResultView> byWorker(List<ResultView> results) {
        return results.stream().collect(Collectors.toMap(ResultView::subject, Function.identity()));
    }

    private static void assertRefused(String code, Executable action) {
        BadInput refusal = assertThrows(BadInput.class, action);
        assertEquals(code, refusal.code());
    }
}
