package cn.moralbank.points.rating;

import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.rating.api.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;

/** Every command of a rating round and every refusal, given its earlier events. */
class RatingRoundTest {
    private static final RatingRoundId ROUND = new RatingRoundId("W-130826-2026-Q3");
    private static final RatingRoundId YEAR = new RatingRoundId("H-130826-2025");
    private static final String COUNTY = "/130826/";
    private static final LocalDate TODAY = LocalDate.of(2026, 10, 8);
    private static final Instant NOW = Instant.parse("2026-10-08T02:00:00Z");
    private static final WorkerCriteria CRITERIA = WorkerCriteria.standard();
    /** 6 reports all confirmed, two days late on average, half the grid took part: 82 points before the township. */
    private static final WorkerFacts ZHANG = new WorkerFacts("hedong.grid1", "张建国", 11, "/130826/1/2/11/", 6, 6,
            2.0, 0, 30, 15);
    /** No reports at all, 3 of 30 households took part: 5 points. */
    private static final WorkerFacts LI = new WorkerFacts("hedong.grid2", "李秀兰", 12, "/130826/1/2/12/", 0, 0, 0,
            0, 30, 3);
    private static final WorkerScore ZHANG_SCORE = new WorkerScore(ZHANG, 100, 50, 86, 100, 82, 4);
    private static final WorkerScore LI_SCORE = new WorkerScore(LI, 0, 10, null, null, 5, 1);

    private FixtureConfiguration<RatingRound> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(RatingRound.class);
    }

    private static OpenWorkerRoundCommand open(String period, WorkerCriteria criteria, List<WorkerFacts> workers) {
        return new OpenWorkerRoundCommand(ROUND, COUNTY, period, criteria, workers, "wenmingban", NOW, TODAY);
    }

    private static Object[] opened() {
        return new Object[]{new WorkerRoundOpened(ROUND, COUNTY, "2026-Q3", CRITERIA, 2, "wenmingban", NOW),
                new WorkersScored(ROUND, List.of(ZHANG_SCORE, LI_SCORE))};
    }

    private static Object[] published() {
        List<Object> events = new ArrayList<>(List.of(opened()));
        events.add(new RoundPublished(ROUND, "wenmingban", NOW, NOW.plus(Duration.ofDays(15))));
        return events.toArray();
    }

    @Test
    void openingAGridWorkerRoundScoresEveryWorkerFromTheFacts() {
        fixture.givenNoPriorActivity()
                .when(open("2026-Q3", CRITERIA, List.of(ZHANG, LI)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened());
    }

    @Test
    void aCountysWorkersAreScoredInEventsOfAFewHundred() {
        List<WorkerFacts> many = new ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            many.add(new WorkerFacts("w" + i, "网格员" + i, i, "/130826/" + i + "/", 0, 0, 0, 0, 0, 0));
        }
        fixture.givenNoPriorActivity()
                .when(open("2026-Q3", CRITERIA, many))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(WorkerRoundOpened.class),
                                org.hamcrest.Matchers.instanceOf(WorkersScored.class),
                                org.hamcrest.Matchers.instanceOf(WorkersScored.class),
                                org.hamcrest.Matchers.instanceOf(WorkersScored.class),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void aRoundForAQuarterThatHasNotBegunIsRefused() {
        fixture.givenNoPriorActivity()
                .when(open("2027-Q1", CRITERIA, List.of(ZHANG)))
                .expectException(BadInput.class)
                .expectExceptionMessage(containsString("ranking.period.future"))
                .expectNoEvents();
    }

    @Test
    void aMalformedPeriodOrAYearForGridWorkersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(open("2026-Q5", CRITERIA, List.of(ZHANG)))
                .expectException(BadInput.class)
                .expectExceptionMessage(containsString("ranking.period.malformed"));
        fixture.givenNoPriorActivity()
                .when(open("2026", CRITERIA, List.of(ZHANG)))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.period.not-a-quarter"));
    }

    @Test
    void weightsThatDoNotSumToAHundredAreRefused() {
        for (int township : List.of(10, 30)) {
            WorkerCriteria odd = new WorkerCriteria(30, 25, 15, 10, township, 6, 14, List.of(40, 60, 75, 90), 3, 15);
            fixture.givenNoPriorActivity()
                    .when(open("2026-Q3", odd, List.of(ZHANG)))
                    .expectException(RatingRefusal.class)
                    .expectExceptionMessage(containsString("rating.criteria.weights-not-100"))
                    .expectNoEvents();
        }
        WorkerCriteria negative = new WorkerCriteria(130, -30, 0, 0, 0, 6, 14, List.of(40, 60, 75, 90), 3, 15);
        fixture.givenNoPriorActivity()
                .when(open("2026-Q3", negative, List.of(ZHANG)))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.criteria.weight-out-of-range"));
    }

    @Test
    void starThresholdsMustRiseFromOneStarToFive() {
        WorkerCriteria falling = new WorkerCriteria(30, 25, 15, 10, 20, 6, 14, List.of(40, 75, 60, 90), 3, 15);
        fixture.givenNoPriorActivity()
                .when(open("2026-Q3", falling, List.of(ZHANG)))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.criteria.thresholds-invalid"));
    }

    @Test
    void aRoundWithoutGridWorkersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(open("2026-Q3", CRITERIA, List.of()))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.round.no-workers"));
    }

    @Test
    void aTownshipScoreJoinsTheWeightedScore() {
        fixture.given(opened())
                .when(new GiveTownshipScoreCommand(ROUND, "hedong.grid1", 100, "humaying", NOW))
                .expectEvents(new TownshipScoreGiven(ROUND, "hedong.grid1", 100, 82, 85, 4, 4, "humaying", NOW));
    }

    @Test
    void theOfficeAdjustsAScoreWithAReasonAndTheStarsFollow() {
        fixture.given(opened())
                .when(new AdjustResultCommand(ROUND, "hedong.grid2", 62, 0, "新任网格员，本季度前两个月在县里培训",
                        "wenmingban", NOW))
                .expectEvents(new ResultAdjusted(ROUND, "hedong.grid2", 5, 62, 1, 3,
                        "新任网格员，本季度前两个月在县里培训", "wenmingban", NOW));
    }

    @Test
    void anAdjustmentIsKeptWhenTheTownshipScoresLater() {
        fixture.given(opened()[0], opened()[1],
                        new ResultAdjusted(ROUND, "hedong.grid1", 82, 92, 4, 5, "表彰", "wenmingban", NOW))
                .when(new GiveTownshipScoreCommand(ROUND, "hedong.grid1", 100, "humaying", NOW))
                .expectEvents(new TownshipScoreGiven(ROUND, "hedong.grid1", 100, 92, 95, 5, 5, "humaying", NOW));
    }

    @Test
    void anAdjustmentWithoutAReasonOrOutOfRangeOrForSomeoneElseIsRefused() {
        fixture.given(opened())
                .when(new AdjustResultCommand(ROUND, "hedong.grid1", 90, 0, " ", "wenmingban", NOW))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.adjust.reason-missing"));
        fixture.given(opened())
                .when(new AdjustResultCommand(ROUND, "hedong.grid1", 101, 0, "好", "wenmingban", NOW))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.score-out-of-range"));
        fixture.given(opened())
                .when(new AdjustResultCommand(ROUND, "leguo.grid1", 90, 0, "好", "wenmingban", NOW))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.subject.unknown"));
    }

    @Test
    void nothingIsAdjustedOrScoredAfterPublication() {
        fixture.given(published())
                .when(new AdjustResultCommand(ROUND, "hedong.grid1", 90, 0, "补充材料", "wenmingban", NOW))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.adjust.not-open"))
                .expectNoEvents();
        fixture.given(published())
                .when(new GiveTownshipScoreCommand(ROUND, "hedong.grid1", 90, "humaying", NOW))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.township.not-open"));
    }

    @Test
    void publishingOpensTheAppealPeriod() {
        fixture.given(opened())
                .when(new PublishRoundCommand(ROUND, Map.of(), "wenmingban", NOW))
                .expectEvents(new RoundPublished(ROUND, "wenmingban", NOW, NOW.plus(Duration.ofDays(15))));
    }

    @Test
    void aRoundIsPublishedOnlyOnce() {
        fixture.given(published())
                .when(new PublishRoundCommand(ROUND, Map.of(), "wenmingban", NOW))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.publish.already"))
                .expectNoEvents();
    }

    @Test
    void aWorkerUnderTheThresholdTwoQuartersInARowIsFlaggedForReplacement() {
        fixture.given(opened())
                .when(new PublishRoundCommand(ROUND, Map.of("hedong.grid1", 2, "hedong.grid2", 2), "wenmingban", NOW))
                .expectEvents(new RoundPublished(ROUND, "wenmingban", NOW, NOW.plus(Duration.ofDays(15))),
                        new WorkerFlaggedForReplacement(ROUND, "hedong.grid2", 2, 1));
    }

    @Test
    void aWorkerUnderTheThresholdForTheFirstTimeIsNotFlagged() {
        fixture.given(opened())
                .when(new PublishRoundCommand(ROUND, Map.of("hedong.grid2", 4), "wenmingban", NOW))
                .expectEvents(new RoundPublished(ROUND, "wenmingban", NOW, NOW.plus(Duration.ofDays(15))));
    }

    @Test
    void aWorkerAppealsWithinThePeriod() {
        Instant inTime = NOW.plus(Duration.ofDays(14));
        fixture.given(published())
                .when(new LodgeAppealCommand(ROUND, "hedong.grid2", "九月份上报的五件事迹还在评议", inTime))
                .expectEvents(new AppealLodged(ROUND, "hedong.grid2", "九月份上报的五件事迹还在评议", inTime));
    }

    @Test
    void anAppealAfterItsPeriodIsRefused() {
        fixture.given(published())
                .when(new LodgeAppealCommand(ROUND, "hedong.grid2", "晚了", NOW.plus(Duration.ofDays(15))))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.appeal.period-over"))
                .expectNoEvents();
    }

    @Test
    void anAppealBeforePublicationTwiceOrWithoutAReasonIsRefused() {
        fixture.given(opened())
                .when(new LodgeAppealCommand(ROUND, "hedong.grid2", "不服", NOW))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.appeal.not-published"));
        List<Object> appealed = new ArrayList<>(List.of(published()));
        appealed.add(new AppealLodged(ROUND, "hedong.grid2", "不服", NOW));
        fixture.given(appealed)
                .when(new LodgeAppealCommand(ROUND, "hedong.grid2", "再次申诉", NOW))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.appeal.twice"));
        fixture.given(published())
                .when(new LodgeAppealCommand(ROUND, "hedong.grid2", "", NOW))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.appeal.reason-missing"));
    }

    @Test
    void anUpheldAppealRaisesTheStarsAndLiftsTheReplacementFlag() {
        List<Object> given = new ArrayList<>(List.of(published()));
        given.add(new WorkerFlaggedForReplacement(ROUND, "hedong.grid2", 2, 1));
        given.add(new AppealLodged(ROUND, "hedong.grid2", "五件事迹还在评议", NOW));
        fixture.given(given)
                .when(new DecideAppealCommand(ROUND, "hedong.grid2", true, 65, "核实后五件均已确认", "wenmingban", NOW))
                .expectEvents(new AppealDecided(ROUND, "hedong.grid2", true, 5, 65, 1, 3, "核实后五件均已确认",
                                "wenmingban", NOW),
                        new ReplacementFlagLifted(ROUND, "hedong.grid2", 3));
    }

    @Test
    void aDismissedAppealLeavesTheStarsAndIsDecidedOnce() {
        List<Object> given = new ArrayList<>(List.of(published()));
        given.add(new AppealLodged(ROUND, "hedong.grid2", "不服", NOW));
        fixture.given(given)
                .when(new DecideAppealCommand(ROUND, "hedong.grid2", false, 0, "材料不实", "wenmingban", NOW))
                .expectEvents(new AppealDecided(ROUND, "hedong.grid2", false, 5, 5, 1, 1, "材料不实", "wenmingban",
                        NOW));
        given.add(new AppealDecided(ROUND, "hedong.grid2", false, 5, 5, 1, 1, "材料不实", "wenmingban", NOW));
        fixture.given(given)
                .when(new DecideAppealCommand(ROUND, "hedong.grid2", true, 80, "再议", "wenmingban", NOW))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.appeal.decided"));
        fixture.given(published())
                .when(new DecideAppealCommand(ROUND, "hedong.grid1", true, 80, "无", "wenmingban", NOW))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.appeal.none"));
    }

    @Test
    void aRoundClosesOnlyAfterItsAppealPeriodWithEveryAppealDecided() {
        Instant after = NOW.plus(Duration.ofDays(16));
        fixture.given(published())
                .when(new CloseRoundCommand(ROUND, "wenmingban", NOW.plus(Duration.ofDays(3))))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.close.appeal-period-running"));
        List<Object> appealed = new ArrayList<>(List.of(published()));
        appealed.add(new AppealLodged(ROUND, "hedong.grid2", "不服", NOW));
        fixture.given(appealed)
                .when(new CloseRoundCommand(ROUND, "wenmingban", after))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.close.appeals-pending"));
        fixture.given(opened())
                .when(new CloseRoundCommand(ROUND, "wenmingban", after))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.close.not-published"));
        fixture.given(published())
                .when(new CloseRoundCommand(ROUND, "wenmingban", after))
                .expectEvents(new RoundClosed(ROUND, "wenmingban", after));
    }

    // 星级文明户

    private static final HouseholdCriteria HOUSEHOLD_CRITERIA = new HouseholdCriteria(10, 3, 20, 0, 0);
    private static final HouseholdFacts WANG = new HouseholdFacts("h-wang", "王建国", "/130826/1/2/11/",
            List.of(10L, 12L, 30L, 5L, 10L), 0, 67);
    private static final HouseholdFacts ZHAO = new HouseholdFacts("h-zhao", "赵玉梅", "/130826/1/2/11/",
            List.of(20L, 20L, 20L, 20L, 20L), 30, 70);
    private static final HouseholdFacts SUN = new HouseholdFacts("h-sun", "孙长青", "/130826/1/2/12/",
            List.of(0L, 15L, 15L, 0L, 0L), 0, 30);

    @Test
    void aHouseholdEarnsAStarForEachCivilisationWithTheCountysPointsIfEnoughAndNotPenalisedTooMuch() {
        fixture.givenNoPriorActivity()
                .when(new OpenHouseholdRoundCommand(YEAR, COUNTY, "2025", HOUSEHOLD_CRITERIA, List.of(WANG, ZHAO, SUN),
                        "wenmingban", NOW, TODAY))
                .expectEvents(new HouseholdRoundOpened(YEAR, COUNTY, "2025", HOUSEHOLD_CRITERIA, 3, "wenmingban", NOW),
                        new HouseholdsRated(YEAR, List.of(new HouseholdStars(WANG, 4, 4),
                                new HouseholdStars(ZHAO, 5, 0), new HouseholdStars(SUN, 2, 0))));
    }

    @Test
    void aHouseholdRoundIsForAYearThatHasBegunWithSensibleCriteria() {
        fixture.givenNoPriorActivity()
                .when(new OpenHouseholdRoundCommand(YEAR, COUNTY, "2026-Q1", HOUSEHOLD_CRITERIA, List.of(WANG),
                        "wenmingban", NOW, TODAY))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.period.not-a-year"));
        fixture.givenNoPriorActivity()
                .when(new OpenHouseholdRoundCommand(YEAR, COUNTY, "2027", HOUSEHOLD_CRITERIA, List.of(WANG),
                        "wenmingban", NOW, TODAY))
                .expectException(BadInput.class)
                .expectExceptionMessage(containsString("ranking.period.future"));
        fixture.givenNoPriorActivity()
                .when(new OpenHouseholdRoundCommand(YEAR, COUNTY, "2025", new HouseholdCriteria(10, 6, 20, 0, 0),
                        List.of(WANG), "wenmingban", NOW, TODAY))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.criteria.categories-out-of-range"));
    }

    @Test
    void theOfficeSetsAHouseholdsStarsWithAReasonAndHouseholdsDoNotAppeal() {
        Object[] opened = {new HouseholdRoundOpened(YEAR, COUNTY, "2025", HOUSEHOLD_CRITERIA, 1, "wenmingban", NOW),
                new HouseholdsRated(YEAR, List.of(new HouseholdStars(ZHAO, 5, 0)))};
        fixture.given(opened)
                .when(new AdjustResultCommand(YEAR, "h-zhao", 5, 0, "扣分系误报，已撤销", "wenmingban", NOW))
                .expectEvents(new ResultAdjusted(YEAR, "h-zhao", 0, 5, 0, 5, "扣分系误报，已撤销", "wenmingban", NOW));
        fixture.given(opened)
                .when(new AdjustResultCommand(YEAR, "h-zhao", 6, 0, "满分", "wenmingban", NOW))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.adjust.stars-out-of-range"));
        fixture.given(opened[0], opened[1], new RoundPublished(YEAR, "wenmingban", NOW, NOW))
                .when(new LodgeAppealCommand(YEAR, "h-zhao", "不服", NOW))
                .expectException(RatingRefusal.class)
                .expectExceptionMessage(containsString("rating.appeal.households"));
    }
}
