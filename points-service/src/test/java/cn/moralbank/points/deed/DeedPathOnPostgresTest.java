package cn.moralbank.points.deed;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.deed.api.*;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdChanges;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.infra.axon.ProjectionProcessors;
import cn.moralbank.points.ledger.Passbooks;
import cn.moralbank.points.ledger.api.EntryKind;
import cn.moralbank.points.ledger.projection.PassbookLine;
import cn.moralbank.points.rules.Rule;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The way of a deed on a real PostgreSQL, through the public services: report, review session, votes, notice board,
 * objection, re-review, the end of the objection period, the passbook, and a revocation. The scheduled job is off:
 * the tests run the objection-period process themselves, as if the application came back after being down.
 */
@MicronautTest(transactional = false)
class DeedPathOnPostgresTest extends DatabaseTest {

    @Inject ApplicationContext context;
    @Inject DeedReports reports;
    @Inject ReviewSessions sessions;
    @Inject NoticeBoard board;
    @Inject Corrections corrections;
    @Inject DeedQueries queries;
    @Inject ObjectionPeriodProcess objectionPeriod;
    @Inject Households households;
    @Inject HouseholdChanges changes;
    @Inject Passbooks passbooks;
    @Inject CountySettings counties;
    @Inject CommandGateway gateway;
    @Inject MovableClock clock;
    @Inject DataSource dataSource;
    @Inject Configuration axon;

    private DeedWorld world;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("moralbank.deeds.objection-job.enabled", "false");
        return properties;
    }

    @BeforeAll
    void buildTheCounty() {
        world = new DeedWorld(context, "P");
    }

    @Test
    void aGoodDeedGoesFromReportThroughReviewNoticeObjectionAndReReviewToThePassbook() {
        Household wang = world.wang;
        DeedId deed = reports.report(world.gridWorker1, new DeedReport(wang.householdId(), world.helping.id(),
                today(), "冬天扫雪，扶邻居老人去卫生院", null, null));
        awaitStatus(deed, DeedStatus.PENDING);

        ReviewSessionId may = sessions.prepare(world.admin, world.village.id(), "5月评议会", null, List.of(deed));
        awaitStatus(deed, DeedStatus.UNDER_REVIEW);
        List<Actor> members = world.committee;
        assertEquals(DeedStatus.UNDER_REVIEW, sessions.vote(members.get(0), deed, VoteChoice.APPROVE, "属实"));
        assertEquals(DeedStatus.UNDER_REVIEW, sessions.vote(members.get(1), deed, VoteChoice.APPROVE, null));
        // three of five voted, two approved: a majority of the votes, not of the committee
        assertEquals(DeedStatus.UNDER_REVIEW, sessions.vote(members.get(2), deed, VoteChoice.ABSTAIN, null));
        assertEquals(DeedStatus.POSTED, sessions.vote(members.get(3), deed, VoteChoice.APPROVE, null));
        assertRefused("deed.vote.not-under-review", () -> sessions.vote(members.get(4), deed, VoteChoice.REJECT, null));
        assertThrows(AccessDenied.class, () -> sessions.vote(world.gridWorker1, deed, VoteChoice.APPROVE, null));

        awaitStatus(deed, DeedStatus.POSTED);
        List<NoticeItem> notices = board.list(world.villagerZhao, world.village.id());
        assertEquals(1, notices.size());
        NoticeItem notice = notices.get(0);
        assertEquals("王建国", notice.householdName());
        assertEquals(wang.cardNumber(), notice.cardNumber());
        assertEquals("助人为乐", notice.ruleName());
        assertEquals(5, notice.points());
        assertEquals(clock.instant().plus(Duration.ofDays(7)), notice.periodEnds());
        assertThrows(AccessDenied.class, () -> board.list(world.neighbourVillager, world.village.id()));

        // an objection from next door does not count; one from the village sends the deed back
        assertThrows(AccessDenied.class, () -> board.object(world.neighbourVillager, deed, "不属实"));
        clock.advance(Duration.ofDays(2));
        board.object(world.villagerZhao, deed, "扫雪的是他儿子");
        awaitStatus(deed, DeedStatus.PENDING);
        assertTrue(board.list(world.admin, world.village.id()).isEmpty());
        sessions.close(world.admin, may);

        ReviewSessionId june = sessions.prepare(world.admin, world.village.id(), "6月评议会", null, null);
        awaitStatus(deed, DeedStatus.UNDER_REVIEW);
        sessions.adjustPoints(members.get(0), deed, 8, "全家一起扫雪，连续一个月");
        for (int i = 0; i < 3; i++) {
            sessions.vote(members.get(i), deed, VoteChoice.APPROVE, null);
        }
        awaitStatus(deed, DeedStatus.POSTED);
        Instant periodEnds = queries.deed(world.admin, deed).periodEnds();
        assertEquals(clock.instant().plus(Duration.ofDays(7)), periodEnds);
        // the objection was heard: the board says so, and no one reopens the deed a second time
        assertTrue(board.list(world.villagerZhao, world.village.id()).get(0).objectionHeard());
        assertRefused("deed.objection.heard", () -> board.object(world.villagerZhao, deed, "还是不对"));

        clock.advance(Duration.ofDays(6));
        assertEquals(0, objectionPeriod.settleDue(), "not before the period ends");
        clock.advance(Duration.ofDays(1));
        // the period's end decides, not the process: a late objection is refused before the process has run
        assertRefused("deed.objection.period-over", () -> board.object(world.villagerZhao, deed, "太晚了"));
        assertEquals(1, objectionPeriod.settleDue());

        awaitStatus(deed, DeedStatus.CREDITED);
        Eventually.until("credit on the passbook", () -> passbook(wang).size() == 2);
        PassbookLine credit = passbook(wang).get(0);
        assertEquals(EntryKind.CREDIT, credit.kind());
        assertEquals(8, credit.points());
        assertEquals(DeedWorld.BASE_SCORE + 8, credit.balanceAfter());
        assertEquals("deed:" + deed.value(), credit.entryId());
        assertEquals("session:" + june.value(), credit.source());
        assertEquals("助人为乐 [SOC-01 v1] · 6月评议会", credit.reason());
        assertEquals(DeedWorld.BASE_SCORE + 8, passbooks.balance(wang.householdId()).orElseThrow().balance());

        SessionDetail detail = queries.session(world.admin, june);
        assertEquals(1, detail.lines().size());
        assertEquals("APPROVED", detail.lines().get(0).item().outcome());
        assertEquals(8, detail.lines().get(0).item().points());
        assertEquals(3, detail.lines().get(0).votes().size());
        SessionDetail first = queries.session(world.admin, may);
        assertEquals(4, first.lines().get(0).votes().size(), "the first session keeps its own votes");
        assertEquals(SessionView.CLOSED, first.session().status());
        assertEquals(DeedStatus.CREDITED, queries.ofHousehold(world.villagerWang, wang.householdId()).get(0).status());

        // found wrong later: revoked by the committee, reversed by a new passbook line with the reason
        clock.advance(Duration.ofDays(30));
        corrections.revoke(members.get(4), deed, "经核实，扫雪是村委组织的集体劳动");
        assertRefused("deed.revoke.already", () -> corrections.revoke(world.admin, deed, "again"));
        awaitStatus(deed, DeedStatus.REVOKED);
        Eventually.until("reversal on the passbook", () -> passbook(wang).size() == 3);
        PassbookLine reversal = passbook(wang).get(0);
        assertEquals(EntryKind.REVERSAL, reversal.kind());
        assertEquals(-8, reversal.points());
        assertEquals("deed:" + deed.value(), reversal.source());
        assertEquals("经核实，扫雪是村委组织的集体劳动", reversal.reason());
        assertEquals(DeedWorld.BASE_SCORE, passbooks.balance(wang.householdId()).orElseThrow().balance());
    }

    @Test
    void periodsThatEndedWhileTheApplicationWasDownAreAllSettledExactlyOnceOnTheNextRun() throws Exception {
        List<Household> households = List.of(world.wang, world.li, world.zhao);
        List<DeedId> deeds = new ArrayList<>();
        for (Household household : households) {
            Actor reporter = household == world.zhao ? world.gridWorker2 : world.gridWorker1;
            deeds.add(reports.report(reporter, new DeedReport(household.householdId(), world.helping.id(), today(),
                    "帮五保户修房顶", null, null)));
        }
        approveInOneSession(deeds, "7月评议会");
        // one of them was confirmed just before the application stopped, but never booked
        gateway.sendAndWait(new ConfirmDeedCommand(deeds.get(0), clock.instant().plus(Duration.ofDays(8))));
        Map<Household, Long> before = new HashMap<>();
        households.forEach(h -> before.put(h, passbooks.balance(h.householdId()).orElseThrow().balance()));

        clock.advance(Duration.ofDays(40));
        // other tests' deeds share the village: count at least ours, then check ours one by one
        assertTrue(objectionPeriod.settleDue() >= 3);
        assertEquals(0, objectionPeriod.settleDue(), "a second run at once books nothing");
        deeds.forEach(d -> awaitStatus(d, DeedStatus.CREDITED));
        assertEquals(0, objectionPeriod.settleDue(), "nor a run after the read model caught up");

        for (int i = 0; i < households.size(); i++) {
            Household household = households.get(i);
            Eventually.until("balance", () -> balance(household) == before.get(household) + 5);
            assertEquals(1, new Sql(dataSource).count(
                    "SELECT count(*) FROM passbook_entry WHERE entry_id = ?", "deed:" + deeds.get(i).value()));
        }
    }

    @Test
    void twoNodesEndingTheSamePeriodsAtTheSameMomentBookEachDeedOnce() throws Exception {
        List<DeedId> deeds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deeds.add(reports.report(world.admin, new DeedReport(world.li.householdId(), world.helping.id(), today(),
                    "调解邻里纠纷 " + i, null, null)));
        }
        approveInOneSession(deeds, "8月评议会");
        long before = balance(world.li);
        clock.advance(Duration.ofDays(8));

        ExecutorService nodes = Executors.newFixedThreadPool(2);
        Callable<Integer> run = objectionPeriod::settleDue;
        List<Future<Integer>> runs = nodes.invokeAll(List.of(run, run, run, run));
        int booked = 0;
        for (Future<Integer> f : runs) {
            booked += f.get(60, TimeUnit.SECONDS);
        }
        nodes.shutdown();
        assertTrue(booked >= 4, "booked " + booked);
        Eventually.until("balance", () -> balance(world.li) == before + 4 * 5);
        for (DeedId deed : deeds) {
            assertEquals(1, new Sql(dataSource).count(
                    "SELECT count(*) FROM passbook_entry WHERE entry_id = ?", "deed:" + deed.value()));
        }
    }

    @Test
    void badBehaviourFollowsTheSamePathAndEndsInAPenaltyWithAZeroDayPeriod() {
        counties.save(world.county, DeedWorld.BASE_SCORE, 0);
        try {
            DeedId fight = reports.report(world.admin, new DeedReport(world.zhao.householdId(),
                    world.fighting.id(), today(), "酒后与邻居打架", null, null));
            awaitStatus(fight, DeedStatus.PENDING);
            sessions.prepare(world.admin, world.village.id(), "9月评议会", null, List.of(fight));
            awaitStatus(fight, DeedStatus.UNDER_REVIEW);
            sessions.adjustPoints(world.admin, fight, -15, "造成邻居受伤");
            long before = balance(world.zhao);
            for (int i = 0; i < 3; i++) {
                sessions.vote(world.committee.get(i), fight, VoteChoice.APPROVE, null);
            }
            awaitStatus(fight, DeedStatus.POSTED);
            assertEquals(1, objectionPeriod.settleDue());
            Eventually.until("penalty", () -> balance(world.zhao) == before - 15);
            PassbookLine penalty = passbook(world.zhao).get(0);
            assertEquals(EntryKind.PENALTY, penalty.kind());
            assertEquals(-15, penalty.points());
            assertTrue(penalty.reason().startsWith("打架斗殴 [SOC-09 v1]"), penalty.reason());
        } finally {
            counties.save(world.county, DeedWorld.BASE_SCORE, 7);
        }
    }

    /**
     * The attacker's find: a deed approved for a household that then joined another (合户) was set aside when its
     * period ended (the account was closed) and never counted for anyone. It is booked for the household that holds
     * the points now, saying so; revoked later, its points are taken back there (the revocation was refused).
     */
    @Test
    void aDeedOfAHouseholdThatJoinedAnotherBeforeItsPeriodEndedIsBookedForThatOne() {
        counties.save(world.county, DeedWorld.BASE_SCORE, 0);
        try {
            Household merged = households.register(world.admin, new NewHousehold(null, "并户甲", "", "河东村21号", null,
                    world.grid1.code()));
            Household into = households.register(world.admin, new NewHousehold(null, "接收乙", "", "河东村22号", null,
                    world.grid2.code()));
            DeedId deed = reports.report(world.admin, new DeedReport(merged.householdId(), world.helping.id(),
                    today(), "帮邻居收玉米", null, null));
            approveInOneSession(List.of(deed), "合户前的评议会");
            changes.merge(world.admin, merged.householdId(), into.householdId(), "合户");
            Eventually.until("the merge", () -> passbooks.balance(into.householdId())
                    .map(b -> b.balance() == 2 * DeedWorld.BASE_SCORE).orElse(false));

            objectionPeriod.settleDue();

            Eventually.until("the deed", () -> balance(into) == 2 * DeedWorld.BASE_SCORE + 5);
            PassbookLine credit = passbook(into).get(0);
            assertEquals(5, credit.points());
            assertTrue(credit.reason().startsWith(ObjectionPeriodProcess.MERGED + "助人为乐"), credit.reason());
            assertEquals(0, new Sql(dataSource).count(
                    "SELECT count(*) FROM deed_settlement_set_aside WHERE deed_id = ?", deed.value()));
            awaitStatus(deed, DeedStatus.CREDITED);

            // revoked later: the points are taken back where they are now (the revocation was refused)
            corrections.revoke(world.admin, deed, "经核实不属实");
            Eventually.until("the revocation", () -> balance(into) == 2 * DeedWorld.BASE_SCORE);
            PassbookLine taken = passbook(into).get(0);
            assertEquals(-5, taken.points());
            assertTrue(taken.reason().startsWith(Corrections.MERGED + "经核实不属实"), taken.reason());
            awaitStatus(deed, DeedStatus.REVOKED);
        } finally {
            counties.save(world.county, DeedWorld.BASE_SCORE, 7);
        }
    }

    /** The input attacker's find: a deed listed twice was refused as "not pending" (it is); told as listed twice. */
    @Test
    void aDeedListedTwiceForASessionIsToldSoAndNothingIsPrepared() {
        // in the village next door, whose queue no other test empties
        DeedId deed = reports.report(world.otherAdmin, new DeedReport(world.neighbour.householdId(),
                world.helping.id(), today(), "帮五保户挑水", null, null));
        Eventually.until("pending", () -> {
            try {
                return queries.deed(world.otherAdmin, deed).status() == DeedStatus.PENDING;
            } catch (NotFound notYet) {
                return false;
            }
        });
        long sessionsBefore = new Sql(dataSource).count("SELECT count(*) FROM review_session_view");
        assertRefused("review.deed.listed-twice", () -> sessions.prepare(world.otherAdmin, world.otherVillage.id(),
                "重复", null, List.of(deed, deed)));
        assertEquals(sessionsBefore, new Sql(dataSource).count("SELECT count(*) FROM review_session_view"));
        assertEquals(DeedStatus.PENDING, queries.deed(world.otherAdmin, deed).status());
    }

    @Test
    void whatASessionLeavesUndecidedGoesBackToTheQueueAndOnlyTheCommitteeOfTheVillageVotes() {
        DeedId deed = reports.report(world.villagerWang, new DeedReport(world.wang.householdId(),
                world.helping.id(), today(), "自报：给村小学捐了图书", null, null));
        awaitStatus(deed, DeedStatus.PENDING);
        ReviewSessionId session = sessions.prepare(world.admin, world.village.id(), "10月评议会", null,
                List.of(deed));
        awaitStatus(deed, DeedStatus.UNDER_REVIEW);
        assertThrows(AccessDenied.class, () -> sessions.prepare(world.otherAdmin, world.village.id(), "x", null,
                null));
        assertThrows(AccessDenied.class, () -> sessions.vote(world.admin, deed, VoteChoice.APPROVE, null));
        sessions.vote(world.committee.get(0), deed, VoteChoice.APPROVE, null);
        sessions.vote(world.committee.get(1), deed, VoteChoice.REJECT, null);
        assertRefused("deed.vote.twice", () -> sessions.vote(world.committee.get(1), deed, VoteChoice.APPROVE, null));
        assertRefused("deed.withdraw.too-late", () -> reports.withdraw(world.villagerWang, deed, "算了"));
        Eventually.until("session view", () -> queries.sessions(world.admin, world.village.id()).stream()
                .anyMatch(s -> s.sessionId().equals(session.value())));
        sessions.close(world.admin, session);
        awaitStatus(deed, DeedStatus.PENDING);
        assertRefused("deed.vote.not-under-review",
                () -> sessions.vote(world.committee.get(2), deed, VoteChoice.APPROVE, null));
        Eventually.until("returned", () -> "RETURNED".equals(
                queries.session(world.admin, session).lines().get(0).item().outcome()));

        reports.withdraw(world.villagerWang, deed, "捐书的是学校老师，不是我家");
        awaitStatus(deed, DeedStatus.WITHDRAWN);
        assertRefused("session.agenda.empty",
                () -> sessions.prepare(world.admin, world.village.id(), "11月评议会", null, null));
    }

    @Test
    void theDeedReadModelsAreRebuiltAlikeByAReplayOfTheEvents() {
        DeedId deed = reports.report(world.gridWorker2, new DeedReport(world.zhao.householdId(), world.helping.id(),
                today(), "照顾邻居留守儿童", null, null));
        approveInOneSession(List.of(deed), "重放前的评议会");
        Sql sql = new Sql(dataSource);
        String before = readModels(sql);

        StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(ProjectionProcessors.LIVE, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertEquals(0, sql.count("SELECT count(*) FROM deed_view"), "the reset handler emptied the read model");
        processor.start();
        Eventually.until("replay", () -> !processor.isReplaying() && readModels(sql).equals(before));
        assertEquals(before, readModels(sql));
    }

    /** Every row of the deed read models, in a fixed order, as text. */
    private static String readModels(Sql sql) {
        return String.valueOf(sql.single("""
                SELECT concat_ws(' | ',
                  (SELECT string_agg(d::text, E'\\n' ORDER BY deed_id) FROM deed_view d),
                  (SELECT string_agg(v::text, E'\\n' ORDER BY event_id) FROM deed_vote v),
                  (SELECT string_agg(s::text, E'\\n' ORDER BY session_id) FROM review_session_view s),
                  (SELECT string_agg(i::text, E'\\n' ORDER BY item_id) FROM review_session_item i))"""));
    }

    private void approveInOneSession(List<DeedId> deeds, String title) {
        deeds.forEach(d -> awaitStatus(d, DeedStatus.PENDING));
        sessions.prepare(world.admin, world.village.id(), title, null, deeds);
        for (DeedId deed : deeds) {
            for (int i = 0; i < 3; i++) {
                sessions.vote(world.committee.get(i), deed, VoteChoice.APPROVE, null);
            }
        }
        deeds.forEach(d -> awaitStatus(d, DeedStatus.POSTED));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private long balance(Household household) {
        return passbooks.balance(household.householdId()).orElseThrow().balance();
    }

    private List<PassbookLine> passbook(Household household) {
        return passbooks.passbook(household.householdId(), 0, 50).getContent();
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

    static void assertRefused(String code, Runnable action) {
        BadInput refusal = assertThrows(BadInput.class,
                action::run);
        assertEquals(code, refusal.code());
    }
}
