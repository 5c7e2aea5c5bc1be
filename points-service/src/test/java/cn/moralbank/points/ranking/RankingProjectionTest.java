package cn.moralbank.points.ranking;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.PerBatch;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.deed.api.DeedConfirmed;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.DeedObjected;
import cn.moralbank.points.deed.api.DeedRejected;
import cn.moralbank.points.deed.api.DeedReported;
import cn.moralbank.points.deed.api.DeedRevoked;
import cn.moralbank.points.deed.api.ReviewSessionId;
import cn.moralbank.points.deed.api.RuleTerms;
import cn.moralbank.points.household.HouseholdChanges;
import cn.moralbank.points.ledger.api.AccountClosed;
import cn.moralbank.points.ledger.api.AccountOpened;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.EntryKind;
import cn.moralbank.points.ledger.api.EntryReversed;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.PointsCredited;
import cn.moralbank.points.ledger.api.PointsDebited;
import cn.moralbank.points.ledger.api.PointsPenalised;
import cn.moralbank.points.region.RegionAdmin;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.rules.Category;
import cn.moralbank.points.rules.Evidence;
import cn.moralbank.points.rules.RuleId;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Sql;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The ranking projection, by calling its handlers with the events the ledger and the deeds would send, then reading
 * the rankings as the pages and the API do. Each test builds its own small county, so they do not disturb each other.
 */
@MicronautTest(transactional = false)
class RankingProjectionTest extends DatabaseTest {
    private static final ZoneId VILLAGES = ZoneId.of("Asia/Shanghai");
    /** A day in the past, so every period of it has begun. */
    private static final LocalDate DAY = LocalDate.of(2026, 5, 12);
    private static final Period MAY = Period.parse("2026-05");

    @Inject ApplicationContext context;
    @Inject RankingProjection projection;
    @Inject Rankings rankings;
    @Inject DataSource dataSource;

    private RankingWorld world(String tag) {
        return new RankingWorld(context, tag);
    }

    @Test
    void householdsWithEqualPointsShareARankAndTheNextRankCountsEveryoneAhead() {
        RankingWorld w = world("TIE");
        List<HouseholdId> h = w.households(w.hedongGrid1, 5);
        h.forEach(this::open);
        credit(h.get(0), 10);
        credit(h.get(1), 10);
        credit(h.get(2), 5);
        // h3 earned nothing this month; h4 lost points
        penalise(h.get(4), 5);

        List<HouseholdStanding> village = rankings.households(w.office, w.hedong.id(), MAY, Measure.EARNED, 10, 0);
        assertEquals(List.of(1, 1, 3, 5), village.stream().map(HouseholdStanding::rank).toList());
        assertEquals(List.of(10L, 10L, 5L, -5L), village.stream().map(HouseholdStanding::value).toList());
        assertEquals(h.get(4).value(), village.get(3).householdId(), "below the household that stands at zero");

        assertEquals(4, rankings.rankOf(w.office, h.get(3), RegionLevel.VILLAGE, MAY, Measure.EARNED).rank());
        HouseholdRank last = rankings.rankOf(w.office, h.get(4), RegionLevel.VILLAGE, MAY, Measure.EARNED);
        assertEquals(5, last.rank());
        assertEquals(5, last.of());
        assertEquals(1, rankings.rankOf(w.office, h.get(1), RegionLevel.VILLAGE, MAY, Measure.EARNED).rank());
    }

    @Test
    void pointsPerHouseholdKeepALargeVillageFromWinningBySize() {
        RankingWorld w = world("NORM");
        List<HouseholdId> large = w.households(w.hedongGrid1, 4);
        HouseholdId small = w.household(w.leguoGrid, "李福贵");
        large.forEach(this::open);
        open(small);
        large.forEach(h -> credit(h, 10));
        credit(small, 25);

        List<RegionStanding> byPoints = rankings.children(w.office, w.humaying.id(), MAY, Measure.EARNED);
        assertEquals(List.of("河东村", "乐国窝铺村"), byPoints.stream().map(RegionStanding::name).toList());
        assertEquals(40, byPoints.get(0).earned());

        List<RegionStanding> perHousehold = rankings.children(w.office, w.humaying.id(), MAY, Measure.PER_HOUSEHOLD);
        assertEquals(List.of("乐国窝铺村", "河东村"), perHousehold.stream().map(RegionStanding::name).toList());
        assertEquals(25.0, perHousehold.get(0).perHousehold());
        assertEquals(10.0, perHousehold.get(1).perHousehold());
        assertEquals(4, perHousehold.get(1).households());

        List<RegionStanding> townships = rankings.children(w.office, w.county.id(), MAY, Measure.EARNED);
        assertEquals(List.of(1, 2), townships.stream().map(RegionStanding::rank).toList());
        assertEquals(0, townships.get(1).earned(), "a township without points is listed, at zero");

        HouseholdId north = w.household(w.xiaobeigouGrid, "赵德胜");
        open(north);
        credit(north, 25);
        List<RegionStanding> villages = rankings.within(w.office, w.county.id(), RegionLevel.VILLAGE, MAY,
                Measure.PER_HOUSEHOLD);
        assertEquals(List.of(1, 1, 3), villages.stream().map(RegionStanding::rank).toList(),
                "two villages of 25 points a household share the first place");
        assertEquals("河东村", villages.get(2).name());
    }

    @Test
    void earnedIsCreditsLessPenaltiesWithTheirReversalsAndNeverTheBalance() {
        RankingWorld w = world("EARN");
        HouseholdId h = w.household(w.hedongGrid2, "王建国");
        projection.on(new AccountOpened(h, 60));
        credit(h, 20);
        EntryId wrong = credit(h, 8);
        EntryId fight = penalise(h, 15);
        EntryId oil = debit(h, 30);
        reverse(h, wrong, EntryKind.CREDIT, -8);
        reverse(h, fight, EntryKind.PENALTY, 15);
        reverse(h, oil, EntryKind.DEBIT, 30);
        debit(h, 12);

        RegionFigures may = rankings.figures(w.office, w.hedong.id(), MAY);
        assertEquals(20, may.earned(), "20 + 8 - 15, with the 8 and the 15 reversed; no base score, no debits");
        assertEquals(20, may.credited());
        assertEquals(0, may.penalised());
        assertEquals(12, may.redeemed());
        assertEquals(1, may.households());
        assertEquals(20, rankings.households(w.office, w.hedong.id(), Period.ALL, Measure.EARNED, 5, 0).get(0).value());
    }

    @Test
    void changeAndRefundsAreRedeemedPointsComingBackNotPointsEarned() {
        RankingWorld w = world("CHANGE");
        HouseholdId h = w.household(w.hedongGrid2, "赵找零");
        open(h);
        credit(h, 10);
        debit(h, 50);
        // a 50-point voucher paid for a 3-point basket: 47 back as change; a refund gives 5 more back
        projection.on(new PointsCredited(h, new EntryId("checkout:k1:change"), 47, "checkout:k1", "积分券找零", 0),
                at(DAY));
        projection.on(new PointsCredited(h, new EntryId("refund:k2:line:1"), 5, "refund:k2", "退货", 0), at(DAY));

        RegionFigures may = rankings.figures(w.office, w.hedong.id(), MAY);
        assertEquals(10, may.earned(), "only the credit a deed earned");
        assertEquals(10, may.credited());
        assertEquals(50 - 47 - 5, may.redeemed());
        assertEquals(10, rankings.households(w.office, w.hedong.id(), MAY, Measure.EARNED, 5, 0).get(0).value());
    }

    /** The attacker's find: a credit booked by hand lifted a household to the top and onto the honour roll. */
    @Test
    void anAdjustmentBookedByHandIsNotEarned() {
        RankingWorld w = world("ADJUST");
        HouseholdId h = w.household(w.hedongGrid2, "钱调整");
        open(h);
        credit(h, 6);
        EntryId byHand = new EntryId("t-z1");
        projection.on(new PointsCredited(h, byHand, 50, "adjustment", "调整", 0), at(DAY));
        projection.on(new PointsPenalised(h, new EntryId("t-z3"), 4, "adjustment", "调整", 0), at(DAY));
        reverse(h, byHand, EntryKind.CREDIT, -50);
        // a debit by hand is no redemption either; a voucher issued is (爱心积分券), and its voiding gives it back
        EntryId debitByHand = new EntryId("t-z4");
        projection.on(new PointsDebited(h, debitByHand, 7, "adjustment", "调整", 0), at(DAY));
        reverse(h, debitByHand, EntryKind.DEBIT, 7);
        projection.on(new PointsDebited(h, new EntryId("t-z5"), 3, "adjustment", "调整", 0), at(DAY));
        EntryId voucher = new EntryId(EntryId.VOUCHER + "V-1");
        projection.on(new PointsDebited(h, voucher, 10, "voucher:V-1", "爱心积分券", 0), at(DAY));
        projection.on(new PointsDebited(h, new EntryId(EntryId.VOUCHER + "V-2"), 20, "voucher:V-2", "爱心积分券", 0),
                at(DAY));
        reverse(h, new EntryId(EntryId.VOUCHER + "V-2"), EntryKind.DEBIT, 20);

        RegionFigures may = rankings.figures(w.office, w.hedong.id(), MAY);
        assertEquals(6, may.earned());
        assertEquals(6, may.credited());
        assertEquals(0, may.penalised());
        assertEquals(10, may.redeemed(), "the voucher kept, not the debits by hand nor the voided voucher");
        assertEquals(6, rankings.households(w.office, w.hedong.id(), MAY, Measure.EARNED, 5, 0).get(0).value());
    }

    @Test
    void anEntryCountsInThePeriodsOfTheVillagesDayItWasBooked() {
        RankingWorld w = world("DAY");
        HouseholdId h = w.household(w.hedongGrid1, "赵玉梅");
        open(h);
        // 20:00 on 31 March in Greenwich is already 1 April in the villages
        projection.on(new PointsCredited(h, new EntryId("deed:late"), 7, "deed", "助人为乐", 7),
                Instant.parse("2026-03-31T20:00:00Z"));
        assertEquals(7, rankings.figures(w.office, w.hedong.id(), Period.parse("2026-04")).earned());
        assertEquals(7, rankings.figures(w.office, w.hedong.id(), Period.parse("2026-Q2")).earned());
        assertEquals(0, rankings.figures(w.office, w.hedong.id(), Period.parse("2026-Q1")).earned());
        assertEquals(7, rankings.figures(w.office, w.county.id(), Period.parse("2026")).earned());
        assertEquals(7, rankings.figures(w.office, w.hedong.id(), Period.parse("2026-W14")).earned());
    }

    @Test
    void aHouseholdTakesPartOnceHoweverManyGoodDeedsAndStopsWhenTheyAreRevoked() {
        RankingWorld w = world("PART");
        List<HouseholdId> h = w.households(w.hedongGrid1, 4);
        h.forEach(this::open);
        DeedId first = confirmedDeed(h.get(0), Category.SOCIAL, 5);
        DeedId second = confirmedDeed(h.get(0), Category.ECOLOGICAL, 8);
        confirmedDeed(h.get(1), Category.SOCIAL, 5);
        // bad behaviour is not taking part
        confirmedDeed(h.get(2), Category.SOCIAL, -15);

        RegionFigures may = rankings.figures(w.office, w.hedong.id(), MAY);
        assertEquals(3, may.deeds());
        assertEquals(2, may.participants());
        assertEquals(0.5, may.participation());
        assertEquals(List.of(0, 0, 0, 2, 1), may.deedsByCategory());

        revoke(first, h.get(0), 3);
        assertEquals(2, rankings.figures(w.office, w.hedong.id(), MAY).participants(), "one good deed is left");
        revoke(second, h.get(0), 3);
        RegionFigures after = rankings.figures(w.office, w.county.id(), MAY);
        assertEquals(1, after.participants());
        assertEquals(1, after.deeds());

        List<HouseholdStanding> social = rankings.households(w.office, w.hedong.id(), MAY, Measure.SOCIAL, 10, 0);
        assertEquals(h.get(1).value(), social.get(0).householdId());
        assertEquals(List.of(5L, 0L, -15L), social.stream().map(HouseholdStanding::value).toList(),
                "bad behaviour counts against its civilisation; a revoked deed no longer counts");
        assertEquals(4, social.get(2).rank(), "behind the household with no deed at all");
    }

    @Test
    void aConfirmationDeliveredTwiceCountsOnceAndARejectedReportNever() {
        RankingWorld w = world("TWICE");
        HouseholdId h = w.household(w.hedongGrid1, "孙长青");
        open(h);
        DeedId deed = confirmedDeed(h, Category.SPIRITUAL, 10);
        projection.on(new DeedConfirmed(deed, h, 10, at(DAY)));
        DeedId objected = reported(h, Category.SOCIAL, 5);
        projection.on(new DeedObjected(objected, ReviewSessionId.newId(), "v", "不属实", at(DAY)));
        projection.on(new DeedRejected(objected, ReviewSessionId.newId(), 0, 3, 0, 5, at(DAY)));

        RegionFigures may = rankings.figures(w.office, w.hedong.id(), MAY);
        assertEquals(1, may.deeds());
        assertEquals(1, may.participants());
        Sql sql = new Sql(dataSource);
        assertEquals("REJECTED", sql.single("SELECT status FROM ranking_deed WHERE deed_id = ?", objected.value()));
        assertEquals(true, sql.single("SELECT objected FROM ranking_deed WHERE deed_id = ?", objected.value()));
    }

    /**
     * In a batch the confirmations and revocations are resolved when it commits, one statement per run: the result
     * must be the one event by event gives, a deed reported in the same batch and a repeat included.
     */
    @Test
    void aBatchCountsItsConfirmationsAndRevocationsAsTheyCameOneByOne() {
        RankingWorld w = world("BATCH");
        List<HouseholdId> h = w.households(w.hedongGrid1, 2);
        h.forEach(this::open);
        DeedId first = reported(h.get(0), Category.SOCIAL, 5);
        DeedId second = reported(h.get(1), Category.SOCIAL, 7);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        // a confirmation first: its resolving is then due before the statements of the deed reported after it
        projection.on(new DeedConfirmed(first, h.get(0), 5, at(DAY)));
        DeedId third = reported(h.get(1), Category.ECOLOGICAL, 3);
        projection.on(new DeedConfirmed(second, h.get(1), 7, at(DAY)));
        projection.on(new DeedConfirmed(first, h.get(0), 5, at(DAY)));
        revoke(second, h.get(1), 1);
        projection.on(new DeedConfirmed(third, h.get(1), 3, at(DAY)));
        assertEquals(0, rankings.figures(w.office, w.hedong.id(), MAY).deeds(), "nothing is written before commit");
        batch.commit();

        RegionFigures may = rankings.figures(w.office, w.hedong.id(), MAY);
        assertEquals(2, may.deeds(), "the first once, the second revoked, the third reported in the batch");
        assertEquals(2, may.participants());
        assertEquals(List.of(0, 0, 0, 1, 1), may.deedsByCategory());
        Sql sql = new Sql(dataSource);
        assertEquals("REVOKED", sql.single("SELECT status FROM ranking_deed WHERE deed_id = ?", second.value()));
        assertEquals("CONFIRMED", sql.single("SELECT status FROM ranking_deed WHERE deed_id = ?", third.value()));
    }

    @Test
    void aTownshipOfficerReadsTheirTownshipButNotTheNextOne() {
        RankingWorld w = world("SCOPE");
        var officer = new Actor("t-officer", Role.TOWNSHIP_OFFICER, w.humaying.path(),
                null, null);
        assertEquals(2, rankings.children(officer, w.humaying.id(), MAY, Measure.EARNED).size());
        assertThrows(AccessDenied.class,
                () -> rankings.children(officer, w.huangqi.id(), MAY, Measure.EARNED));
        assertThrows(AccessDenied.class,
                () -> rankings.figures(officer, w.county.id(), MAY));
    }

    @Test
    void periodsInTheFutureOrMalformedAreRefused() {
        for (String bad : List.of("2026-13", "2026-Q5", "26-01", "2026-W54", "last month", "")) {
            BadInput refusal = assertThrows(BadInput.class, () -> rankings.period(bad), bad);
            assertEquals("ranking.period.malformed", refusal.code(), bad);
        }
        // well formed, but before the years the product's dates reach: said so, not called malformed
        for (String early : List.of("1999", "1999-Q4", "1999-12", "1999-W52")) {
            BadInput refusal = assertThrows(BadInput.class, () -> rankings.period(early), early);
            assertEquals("ranking.period.out-of-range", refusal.code(), early);
        }
        String nextYear = String.valueOf(rankings.today().getYear() + 1);
        assertEquals("ranking.period.future", assertThrows(BadInput.class, () -> rankings.period(nextYear)).code());
        assertEquals(Period.parse("2026-W01").start(), LocalDate.of(2025, 12, 29));
        assertEquals(Period.ALL, rankings.period("all"));
    }

    /**
     * A household's points count where it is now, as a replay counts them: a move takes its sums along, so a village's
     * figures are always its households' (the attacker's find: a moved household stayed listed in its old grid while
     * its figures went to the new one, and a deed revoked after the move was taken from the new grid only).
     */
    @Test
    void aHouseholdThatMovesTakesItsPointsAlong() {
        RankingWorld w = world("MOVE");
        HouseholdId h = w.household(w.hedongGrid1, "搬家户");
        open(h);
        credit(h, 10);
        DeedId deed = confirmedDeed(h, Category.SPIRITUAL, 6);
        long hedongHouseholds = size(w.hedong.id());
        long leguoHouseholds = size(w.leguo.id());

        context.getBean(HouseholdChanges.class).move(w.office, h, w.leguoGrid.code());
        credit(h, 4);

        assertEquals(0, rankings.figures(w.office, w.hedong.id(), MAY).earned(), "nothing left in its old village");
        RegionFigures leguo = rankings.figures(w.office, w.leguo.id(), MAY);
        assertEquals(14, leguo.earned(), "10 moved along, 4 after");
        assertEquals(1, leguo.deeds());
        assertEquals(1, leguo.participants());
        assertEquals(0, rankings.figures(w.office, w.hedong.id(), MAY).participants());
        assertEquals(14, rankings.households(w.office, w.leguo.id(), MAY, Measure.EARNED, 5, 0).get(0).value());
        assertEquals(List.of(0, 0, 1, 0, 0), leguo.deedsByCategory(), "its deed by civilisation, moved along");
        assertTrue(rankings.households(w.office, w.hedong.id(), MAY, Measure.EARNED, 50, 0).stream()
                .noneMatch(r -> r.householdId().equals(h.value())), "not listed where it was");
        assertEquals(hedongHouseholds - 1, size(w.hedong.id()));
        assertEquals(leguoHouseholds + 1, size(w.leguo.id()));

        revoke(deed, h, 1);
        RegionFigures after = rankings.figures(w.office, w.leguo.id(), MAY);
        assertEquals(0, after.deeds(), "the revoked deed taken from where it is");
        assertEquals(0, after.participants());
        assertEquals(List.of(0, 0, 0, 0, 0), after.deedsByCategory());
        RegionFigures old = rankings.figures(w.office, w.hedong.id(), MAY);
        assertEquals(0, old.deeds(), "and not left where it was");
        assertEquals(List.of(0, 0, 0, 0, 0), old.deedsByCategory(), "never below nothing");
    }

    /** The attacker's find: a dissolved household (合户) stayed first of its village and on the honour roll. */
    @Test
    void aMergedHouseholdsRankingsGoToTheHouseholdItJoined() {
        RankingWorld w = world("HEHU");
        HouseholdId merged = w.household(w.hedongGrid1, "并入户");
        HouseholdId into = w.household(w.hedongGrid2, "接收户");
        open(merged);
        open(into);
        credit(merged, 10);
        confirmedDeed(merged, Category.SOCIAL, 10);
        credit(into, 3);
        long grid1 = size(w.hedongGrid1.id());
        long village = size(w.hedong.id());

        projection.on(new AccountClosed(merged, new EntryId("transfer:merge-x:out"), into, "合户"));

        List<HouseholdStanding> listed = rankings.households(w.office, w.hedong.id(), MAY, Measure.EARNED, 50, 0);
        assertEquals(List.of(into.value()), listed.stream().map(HouseholdStanding::householdId).toList());
        assertEquals(13, listed.get(0).value());
        RegionFigures may = rankings.figures(w.office, w.hedong.id(), MAY);
        assertEquals(13, may.earned(), "the village's figures are its households'");
        assertEquals(1, may.participants());
        assertEquals(0, rankings.figures(w.office, w.hedongGrid1.id(), MAY).earned(), "moved to the joined one's grid");
        assertEquals(13, rankings.figures(w.office, w.hedongGrid2.id(), MAY).earned());
        assertEquals(grid1 - 1, size(w.hedongGrid1.id()));
        assertEquals(village - 1, size(w.hedong.id()));
    }

    /**
     * The second attacker's find: a chain of merges (X into Y, then Y into Z) whose closings a rebuild's segments
     * handled out of order brought Y back, X's rows added to a household already gone. They go to the end of the chain.
     */
    @Test
    void aChainOfMergesHandledOutOfOrderEndsWithTheLastHousehold() {
        RankingWorld w = world("CHAIN");
        HouseholdId x = w.household(w.hedongGrid1, "甲户");
        HouseholdId y = w.household(w.hedongGrid1, "乙户");
        HouseholdId z = w.household(w.hedongGrid2, "丙户");
        for (HouseholdId h : List.of(x, y, z)) {
            open(h);
        }
        credit(x, 4);
        credit(y, 6);
        credit(z, 1);
        long village = size(w.hedong.id());
        Sql sql = new Sql(dataSource);
        sql.update("INSERT INTO household_merge (household_id, merged_into) VALUES (?, ?), (?, ?)",
                x.value(), y.value(), y.value(), z.value());

        projection.on(new AccountClosed(y, new EntryId("transfer:chain-yz:out"), z, "合户"));
        projection.on(new AccountClosed(x, new EntryId("transfer:chain-xy:out"), y, "合户"));

        List<HouseholdStanding> listed = rankings.households(w.office, w.hedong.id(), MAY, Measure.EARNED, 50, 0);
        assertEquals(List.of(z.value()), listed.stream().map(HouseholdStanding::householdId).toList(),
                "neither X nor Y listed again");
        assertEquals(11, listed.get(0).value());
        assertEquals(11, rankings.figures(w.office, w.hedongGrid2.id(), MAY).earned(), "all of it where Z is");
        assertEquals(0, rankings.figures(w.office, w.hedongGrid1.id(), MAY).earned());
        assertEquals(village - 2, size(w.hedong.id()));
    }

    /**
     * The attacker's find: a deed and an account are two streams, and a rebuild handled a dissolved household's deed
     * after its account had handed its rows on (合户), listing it again with the deed taken from the one it joined.
     * A deed counts for the household that holds the points now, in whichever order the two arrive.
     */
    @Test
    void aDeedOfAMergedHouseholdHandledAfterItsMergeCountsForTheHouseholdItJoined() {
        RankingWorld w = world("HEHU2");
        HouseholdId merged = w.household(w.hedongGrid1, "后并户");
        HouseholdId into = w.household(w.hedongGrid2, "后接户");
        open(merged);
        open(into);
        DeedId deed = reported(merged, Category.SOCIAL, 6);
        credit(merged, 6);
        long village = size(w.hedong.id());
        new Sql(dataSource).update("INSERT INTO household_merge (household_id, merged_into) VALUES (?, ?)",
                merged.value(), into.value());
        projection.on(new AccountClosed(merged, new EntryId("transfer:merge-y:out"), into, "合户"));

        projection.on(new DeedConfirmed(deed, merged, 6, at(DAY)));

        List<HouseholdStanding> listed = rankings.households(w.office, w.hedong.id(), MAY, Measure.DEEDS, 50, 0);
        assertEquals(List.of(into.value()), listed.stream().map(HouseholdStanding::householdId).toList(),
                "the dissolved household is not listed again");
        assertEquals(1, listed.get(0).value());
        assertEquals(1, rankings.figures(w.office, w.hedongGrid2.id(), MAY).deeds(), "where the joined one is");
        assertEquals(0, rankings.figures(w.office, w.hedongGrid1.id(), MAY).deeds());
        assertEquals(village - 1, size(w.hedong.id()), "the dissolved household counted out, not in again");

        revoke(deed, merged, 1);
        assertEquals(0, rankings.figures(w.office, w.hedong.id(), MAY).deeds(), "taken back from the same household");
        assertEquals(0, rankings.figures(w.office, w.hedong.id(), MAY).participants());
    }

    @Test
    void anotherNodeMovesAMovedHouseholdsPointsAtItsNextBatch() {
        RankingWorld w = world("NODE");
        HouseholdId h = w.household(w.hedongGrid1, "搬家户");
        open(h);
        RankingProjection other = otherNode();
        inBatch(() -> other.on(creditOf(h, 10), at(DAY)));

        context.getBean(HouseholdChanges.class).move(w.office, h, w.leguoGrid.code());
        inBatch(() -> other.on(creditOf(h, 4), at(DAY)));

        assertEquals(0, rankings.figures(w.office, w.hedong.id(), MAY).earned());
        assertEquals(14, rankings.figures(w.office, w.leguo.id(), MAY).earned(),
                "on the node that did not move it: all of it where it is now");
    }

    @Test
    void aMergedVillagesHouseholdsTakeTheirPointsToTheVillageTheyJoined() {
        RankingWorld w = world("MERGE");
        HouseholdId h = w.household(w.leguoGrid, "并村户");
        open(h);
        RankingProjection other = otherNode();
        inBatch(() -> other.on(creditOf(h, 10), at(DAY)));
        long hedongHouseholds = size(w.hedong.id());
        // the merging node keeps no places (a restart): the grid's old path names no grid once the merge rewrote it,
        // and a chain read by that path alone left the grid out, doubling its figures and its households
        context.getBean(Places.class).forget();

        context.getBean(RegionAdmin.class).merge(w.office, w.leguo.id(), w.hedong.id(), DAY);
        inBatch(() -> other.on(creditOf(h, 4), at(DAY)));

        assertEquals(14, rankings.figures(w.office, w.hedong.id(), MAY).earned(),
                "on the node that did not merge: all of it in the village the household joined");
        assertEquals(0, rankings.figures(w.office, w.leguo.id(), MAY).earned());
        assertEquals(hedongHouseholds + 1, size(w.hedong.id()));
        assertEquals(0, size(w.leguo.id()));
        assertEquals(14, rankings.figures(w.office, w.leguoGrid.id(), MAY).earned(), "the grid moved with its village");
        assertEquals(1, size(w.leguoGrid.id()));
        // the retired village is ranked no more among its township's or county's villages
        assertTrue(rankings.children(w.office, w.humaying.id(), MAY, Measure.EARNED).stream()
                .noneMatch(r -> r.regionId() == w.leguo.id()), "not among the township's villages");
        assertTrue(rankings.within(w.office, w.county.id(), RegionLevel.VILLAGE, MAY, Measure.EARNED).stream()
                .noneMatch(r -> r.regionId() == w.leguo.id()), "not among the county's villages");
        assertTrue(rankings.children(w.office, w.hedong.id(), MAY, Measure.EARNED).stream()
                .anyMatch(r -> r.regionId() == w.leguoGrid.id()), "its grid ranked in the village it joined");
        // the grid's own rows name the village it is under now, as a rebuild writes them (they named the old one)
        Sql sql = new Sql(dataSource);
        assertEquals(0, sql.count("SELECT count(*) FROM ranking_region WHERE region_id = ? AND parent_id <> ?",
                w.leguoGrid.id(), w.hedong.id()));
        assertEquals(0, sql.count("SELECT count(*) FROM ranking_region_size WHERE region_id = ? AND parent_id <> ?",
                w.leguoGrid.id(), w.hedong.id()));
    }

    private long size(long regionId) {
        return new Sql(dataSource).count("SELECT coalesce(max(households), 0) FROM ranking_region_size "
                + "WHERE region_id = ?", regionId);
    }

    /** A region's history goes back no further than the product's dates (2000), and lists ALL once. */
    @Test
    void aRegionsHistoryStopsAtTheFirstYearAndListsAllOnce() {
        RankingWorld w = world("HIST");
        List<RegionFigures> years = rankings.history(w.office, w.hedong.id(), PeriodKind.YEAR, 120);
        assertEquals("2000", years.get(0).period(), "the first year the product's dates reach");
        assertEquals(String.valueOf(rankings.today().getYear()), years.get(years.size() - 1).period());
        assertEquals(rankings.today().getYear() - 2000 + 1, years.size());
        assertEquals(List.of("ALL"), rankings.history(w.office, w.hedong.id(), PeriodKind.ALL, 12).stream()
                .map(RegionFigures::period).toList());
        assertEquals(12, rankings.history(w.office, w.hedong.id(), PeriodKind.MONTH, 12).size());
    }

    /** Another node: a projection with places of its own, on the same database. */
    private RankingProjection otherNode() {
        return new RankingProjection(context.getBean(RankingTables.class), context.getBean(RankingMoves.class),
                new Places(context.getBean(SqlRows.class)), context.getBean(Clock.class),
                context.getBean(PerBatch.class));
    }

    /** Handles events as a processor's batch does: the places are checked once, the sums written at commit. */
    private static void inBatch(Runnable handling) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        handling.run();
        batch.commit();
    }

    private static PointsCredited creditOf(HouseholdId h, long points) {
        return new PointsCredited(h, new EntryId("deed:" + UUID.randomUUID()), points, "deed", "助人为乐", 0);
    }

    private void open(HouseholdId h) {
        projection.on(new AccountOpened(h, 0));
    }

    private EntryId credit(HouseholdId h, long points) {
        EntryId id = new EntryId("deed:" + UUID.randomUUID());
        projection.on(new PointsCredited(h, id, points, "deed", "助人为乐", 0), at(DAY));
        return id;
    }

    private EntryId penalise(HouseholdId h, long points) {
        EntryId id = new EntryId("deed:" + UUID.randomUUID());
        projection.on(new PointsPenalised(h, id, points, "deed", "打架斗殴", 0), at(DAY));
        return id;
    }

    private EntryId debit(HouseholdId h, long points) {
        EntryId id = new EntryId(EntryId.CHECKOUT + UUID.randomUUID());
        projection.on(new PointsDebited(h, id, points, "checkout", "兑换", 0), at(DAY));
        return id;
    }

    private void reverse(HouseholdId h, EntryId original, EntryKind kind, long change) {
        projection.on(new EntryReversed(h, new EntryId("r-" + UUID.randomUUID()), original, kind, change, "复核", 0),
                at(DAY.plusDays(1)));
    }

    private DeedId reported(HouseholdId h, Category category, long points) {
        DeedId deed = DeedId.newId();
        RuleTerms rule = new RuleTerms(new RuleId(1), 1, "X-01", "规则", category, points, Math.min(points, 0),
                Math.max(points, 0), Evidence.NONE);
        projection.on(new DeedReported(deed, h, "户", 1, "/", rule, points, DAY.minusDays(2), "事迹", List.of(), "",
                "grid1", Role.GRID_WORKER, at(DAY.minusDays(1))));
        return deed;
    }

    private DeedId confirmedDeed(HouseholdId h, Category category, long points) {
        DeedId deed = reported(h, category, points);
        projection.on(new DeedConfirmed(deed, h, points, at(DAY)));
        return deed;
    }

    private void revoke(DeedId deed, HouseholdId h, int daysAfter) {
        projection.on(new DeedRevoked(deed, h, new EntryId("deed:" + deed.value()), "c1", "误报",
                at(DAY.plusDays(daysAfter))));
    }

    private static Instant at(LocalDate day) {
        return day.atTime(10, 0).atZone(VILLAGES).toInstant();
    }
}
