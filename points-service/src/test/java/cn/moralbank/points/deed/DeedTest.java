package cn.moralbank.points.deed;

import cn.moralbank.points.access.Role;
import cn.moralbank.points.deed.api.*;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.rules.Category;
import cn.moralbank.points.rules.Evidence;
import cn.moralbank.points.rules.RuleId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedTest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.hamcrest.Matchers.containsString;

class DeedTest {
    static final DeedId DEED = new DeedId("deed-1");
    static final HouseholdId HH = new HouseholdId("hh-1");
    static final ReviewSessionId MAY = new ReviewSessionId("session-may");
    static final ReviewSessionId JUNE = new ReviewSessionId("session-june");
    static final RuleTerms HELPING = new RuleTerms(new RuleId(1), 1, "SOC-01", "助人为乐", Category.SOCIAL, 5, 3, 10,
            Evidence.NONE);
    static final RuleTerms FIGHTING = new RuleTerms(new RuleId(2), 1, "SOC-09", "打架斗殴", Category.SOCIAL, -10, -20,
            -5, Evidence.NONE);
    static final RuleTerms TREES = new RuleTerms(new RuleId(3), 2, "ECO-02", "义务植树保成活", Category.ECOLOGICAL, 8, 8,
            8, Evidence.PHOTO);
    static final RuleTerms CARING = new RuleTerms(new RuleId(4), 1, "SPI-03", "孝敬老人", Category.SPIRITUAL, 6, 6, 6,
            Evidence.WITNESS);
    /** Five members; the grid worker who reported sits on the committee too. */
    static final List<String> COMMITTEE = List.of("wang", "li", "zhao", "sun", "grid-zhang");
    static final String REPORTER = "grid-zhang";
    static final Instant REPORTED = Instant.parse("2024-05-10T02:00:00Z");
    static final Instant VOTED = Instant.parse("2024-05-20T02:00:00Z");
    static final Instant PERIOD_ENDS = VOTED.plus(Duration.ofDays(7));

    private FixtureConfiguration<Deed> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Deed.class);
    }

    static ReportDeedCommand report(RuleTerms rule, String description, List<PhotoId> photos, String witness) {
        return new ReportDeedCommand(DEED, HH, "王建国", 7, "/c/t/v/", rule, LocalDate.of(2024, 5, 9), description,
                photos, witness, REPORTER, Role.GRID_WORKER, REPORTED);
    }

    static DeedReported reported(RuleTerms rule) {
        return new DeedReported(DEED, HH, "王建国", 7, "/c/t/v/", rule, rule.points(), LocalDate.of(2024, 5, 9),
                "扶邻居老人就医", List.of(), "", REPORTER, Role.GRID_WORKER, REPORTED);
    }

    static DeedPutOnAgenda onAgenda(ReviewSessionId session, int objectionDays) {
        return new DeedPutOnAgenda(DEED, session, "5月评议会", COMMITTEE, objectionDays);
    }

    static VoteCast vote(String voter, VoteChoice choice) {
        return new VoteCast(DEED, MAY, voter, choice, "", VOTED);
    }

    static Object[] posted(long points) {
        return new Object[]{reported(HELPING), onAgenda(MAY, 7), vote("wang", VoteChoice.APPROVE),
                vote("li", VoteChoice.APPROVE), vote("zhao", VoteChoice.APPROVE),
                new DeedApproved(DEED, MAY, points, 3, 0, 0, 5, VOTED),
                new DeedPosted(DEED, HH, MAY, points, VOTED, PERIOD_ENDS)};
    }

    static Object[] plus(Object[] given, Object... more) {
        Object[] all = Arrays.copyOf(given, given.length + more.length);
        System.arraycopy(more, 0, all, given.length, more.length);
        return all;
    }

    static Object[] credited() {
        return plus(posted(5), new DeedConfirmed(DEED, HH, 5, PERIOD_ENDS),
                new DeedCredited(DEED, HH, Settlement.entryIdOf(DEED), 5, 65));
    }

    static Settlement settlement(Settlement.Outcome outcome) {
        return new Settlement(outcome, DEED, HH, Settlement.entryIdOf(DEED), 5, HELPING, MAY, "5月评议会");
    }

    // reporting

    @Test
    void aReportedDeedWaitsForTheNextReviewSession() {
        fixture.givenNoPriorActivity()
                .when(report(HELPING, " 扶邻居老人就医 ", List.of(), null))
                .expectEvents(reported(HELPING));
    }

    @Test
    void aReportWithoutADescriptionIsRefused() {
        fixture.givenNoPriorActivity()
                .when(report(HELPING, "  ", List.of(), null))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.description.invalid"))
                .expectNoEvents();
    }

    @Test
    void aRuleThatAsksForAPhotoRefusesAReportWithoutOne() {
        fixture.givenNoPriorActivity()
                .when(report(TREES, "种了二十棵杨树", List.of(), null))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.evidence.photo-missing"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(report(TREES, "种了二十棵杨树", List.of(new PhotoId("p-1")), null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aRuleThatAsksForAWitnessRefusesAReportWithoutOne() {
        fixture.givenNoPriorActivity()
                .when(report(CARING, "照顾瘫痪的母亲十年", List.of(), " "))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.evidence.witness-missing"))
                .expectNoEvents();
    }

    // the review session

    @Test
    void aPendingDeedGoesOnTheAgendaWithTheSessionsCommittee() {
        fixture.given(reported(HELPING))
                .when(new PutOnAgendaCommand(DEED, MAY, "5月评议会", COMMITTEE, 7))
                .expectEvents(onAgenda(MAY, 7));
    }

    @Test
    void aDeedUnderReviewCannotGoOnAnotherAgenda() {
        fixture.given(reported(HELPING), onAgenda(MAY, 7))
                .when(new PutOnAgendaCommand(DEED, JUNE, "6月评议会", COMMITTEE, 7))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.agenda.not-pending"))
                .expectNoEvents();
    }

    @Test
    void aCommitteeMembersVoteIsRecordedWithTheComment() {
        fixture.given(reported(HELPING), onAgenda(MAY, 7))
                .when(new CastVoteCommand(DEED, "wang", VoteChoice.APPROVE, " 属实 ", VOTED))
                .expectEvents(new VoteCast(DEED, MAY, "wang", VoteChoice.APPROVE, "属实", VOTED))
                .expectResultMessagePayload(DeedStatus.UNDER_REVIEW);
    }

    /** The reporter casts no vote on their own report: not to approve it, nor any other (README's rule table). */
    @ParameterizedTest
    @EnumSource(VoteChoice.class)
    void theReporterCannotVoteOnTheirOwnReport(VoteChoice choice) {
        fixture.given(reported(HELPING), onAgenda(MAY, 7))
                .when(new CastVoteCommand(DEED, REPORTER, choice, null, VOTED))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.vote.own-report"))
                .expectNoEvents();
    }

    @Test
    void someoneOutsideTheSessionsCommitteeCannotVote() {
        fixture.given(reported(HELPING), onAgenda(MAY, 7))
                .when(new CastVoteCommand(DEED, "qian", VoteChoice.APPROVE, null, VOTED))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.vote.not-member"))
                .expectNoEvents();
    }

    @Test
    void aMemberVotesOnlyOnce() {
        fixture.given(reported(HELPING), onAgenda(MAY, 7), vote("wang", VoteChoice.ABSTAIN))
                .when(new CastVoteCommand(DEED, "wang", VoteChoice.APPROVE, null, VOTED))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.vote.twice"))
                .expectNoEvents();
    }

    @Test
    void aMajorityOfTheVotesCastIsNotEnoughItTakesAMajorityOfTheCommitteesMembers() {
        // two approvals and one abstention: most of the votes, but two of five members
        fixture.given(reported(HELPING), onAgenda(MAY, 7), vote("wang", VoteChoice.APPROVE),
                        vote("li", VoteChoice.APPROVE))
                .when(new CastVoteCommand(DEED, "zhao", VoteChoice.ABSTAIN, null, VOTED))
                .expectEvents(vote("zhao", VoteChoice.ABSTAIN))
                .expectResultMessagePayload(DeedStatus.UNDER_REVIEW);
    }

    @Test
    void theThirdApprovalOfFiveMembersApprovesAndPostsTheDeedForTheObjectionPeriod() {
        fixture.given(reported(HELPING), onAgenda(MAY, 7), vote("wang", VoteChoice.APPROVE),
                        vote("li", VoteChoice.APPROVE))
                .when(new CastVoteCommand(DEED, "zhao", VoteChoice.APPROVE, null, VOTED))
                .expectEvents(vote("zhao", VoteChoice.APPROVE),
                        new DeedApproved(DEED, MAY, 5, 3, 0, 0, 5, VOTED),
                        new DeedPosted(DEED, HH, MAY, 5, VOTED, PERIOD_ENDS))
                .expectResultMessagePayload(DeedStatus.POSTED);
    }

    @Test
    void aMajorityOfRejectionsRejectsTheDeedForGood() {
        fixture.given(reported(HELPING), onAgenda(MAY, 7), vote("wang", VoteChoice.REJECT),
                        vote("li", VoteChoice.APPROVE), vote("zhao", VoteChoice.REJECT))
                .when(new CastVoteCommand(DEED, "sun", VoteChoice.REJECT, "不属实", VOTED))
                .expectEvents(new VoteCast(DEED, MAY, "sun", VoteChoice.REJECT, "不属实", VOTED),
                        new DeedRejected(DEED, MAY, 1, 3, 0, 5, VOTED))
                .expectResultMessagePayload(DeedStatus.REJECTED);
        fixture.given(reported(HELPING), onAgenda(MAY, 7), new DeedRejected(DEED, MAY, 1, 3, 0, 5, VOTED))
                .when(new PutOnAgendaCommand(DEED, JUNE, "6月评议会", COMMITTEE, 7))
                .expectException(DeedRefusal.class).expectNoEvents();
    }

    @Test
    void noVoteCountsAfterTheDecision() {
        fixture.given(posted(5))
                .when(new CastVoteCommand(DEED, "sun", VoteChoice.REJECT, null, VOTED))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.vote.not-under-review"))
                .expectNoEvents();
    }

    @Test
    void badBehaviourApprovedByTheCommitteeIsPostedAsAPenalty() {
        fixture.given(reported(FIGHTING), onAgenda(MAY, 7), vote("wang", VoteChoice.APPROVE),
                        vote("li", VoteChoice.APPROVE))
                .when(new CastVoteCommand(DEED, "sun", VoteChoice.APPROVE, null, VOTED))
                .expectEvents(vote("sun", VoteChoice.APPROVE),
                        new DeedApproved(DEED, MAY, -10, 3, 0, 0, 5, VOTED),
                        new DeedPosted(DEED, HH, MAY, -10, VOTED, PERIOD_ENDS));
    }

    @Test
    void theCommitteeSetsThePointsWithinTheRulesRangeWithAReason() {
        fixture.given(reported(HELPING), onAgenda(MAY, 7))
                .when(new AdjustPointsCommand(DEED, 8, "连续三个月陪护", "wang"))
                .expectEvents(new DeedPointsAdjusted(DEED, MAY, 5, 8, "连续三个月陪护", "wang"));
        fixture.given(reported(HELPING), onAgenda(MAY, 7), new DeedPointsAdjusted(DEED, MAY, 5, 8, "x", "wang"),
                        vote("wang", VoteChoice.APPROVE), vote("li", VoteChoice.APPROVE))
                .when(new CastVoteCommand(DEED, "zhao", VoteChoice.APPROVE, null, VOTED))
                .expectEvents(vote("zhao", VoteChoice.APPROVE), new DeedApproved(DEED, MAY, 8, 3, 0, 0, 5, VOTED),
                        new DeedPosted(DEED, HH, MAY, 8, VOTED, PERIOD_ENDS));
    }

    @Test
    void pointsOutsideTheRulesRangeAreRefused() {
        fixture.given(reported(HELPING), onAgenda(MAY, 7))
                .when(new AdjustPointsCommand(DEED, 11, "特别感人", "wang"))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.points.out-of-range"))
                .expectNoEvents();
        fixture.given(reported(FIGHTING), onAgenda(MAY, 7))
                .when(new AdjustPointsCommand(DEED, 5, "变成加分", "wang"))
                .expectException(DeedRefusal.class).expectNoEvents();
    }

    @Test
    void changingThePointsNeedsAReasonAndComesBeforeTheFirstVote() {
        fixture.given(reported(HELPING), onAgenda(MAY, 7))
                .when(new AdjustPointsCommand(DEED, 8, " ", "wang"))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.points.reason-missing"))
                .expectNoEvents();
        fixture.given(reported(HELPING), onAgenda(MAY, 7), vote("li", VoteChoice.APPROVE))
                .when(new AdjustPointsCommand(DEED, 8, "连续三个月陪护", "wang"))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.points.after-votes"))
                .expectNoEvents();
        fixture.given(reported(HELPING))
                .when(new AdjustPointsCommand(DEED, 8, "连续三个月陪护", "wang"))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.points.not-under-review"))
                .expectNoEvents();
    }

    @Test
    void aSessionClosingSendsWhatItLeftUndecidedBackToTheQueueAndNothingElse() {
        fixture.given(reported(HELPING), onAgenda(MAY, 7), vote("wang", VoteChoice.APPROVE))
                .when(new ReturnToQueueCommand(DEED, MAY))
                .expectEvents(new DeedReturnedToQueue(DEED, MAY));
        fixture.given(posted(5))
                .when(new ReturnToQueueCommand(DEED, MAY))
                .expectNoEvents();
        fixture.given(reported(HELPING), onAgenda(JUNE, 7))
                .when(new ReturnToQueueCommand(DEED, MAY))
                .expectNoEvents();
    }

    @Test
    void aDeedBackInTheQueueIsVotedAfreshInTheNextSession() {
        fixture.given(reported(HELPING), onAgenda(MAY, 7), vote("wang", VoteChoice.APPROVE),
                        new DeedReturnedToQueue(DEED, MAY), new DeedPutOnAgenda(DEED, JUNE, "6月评议会", COMMITTEE, 7))
                .when(new CastVoteCommand(DEED, "wang", VoteChoice.REJECT, null, VOTED))
                .expectEvents(new VoteCast(DEED, JUNE, "wang", VoteChoice.REJECT, "", VOTED));
    }

    // the notice board

    @Test
    void anObjectionDuringTheObjectionPeriodSendsTheDeedBackToTheNextReview() {
        Instant during = PERIOD_ENDS.minusSeconds(60);
        fixture.given(posted(5))
                .when(new LodgeObjectionCommand(DEED, "villager-liu", "那天他不在村里", during))
                .expectEvents(new DeedObjected(DEED, MAY, "villager-liu", "那天他不在村里", during));
        fixture.given(plus(posted(5), new DeedObjected(DEED, MAY, "villager-liu", "那天他不在村里", during)))
                .when(new PutOnAgendaCommand(DEED, JUNE, "6月评议会", COMMITTEE, 7))
                .expectEvents(new DeedPutOnAgenda(DEED, JUNE, "6月评议会", COMMITTEE, 7));
    }

    @Test
    void anObjectionReopensADeedOnceNotEachTimeItIsPostedAgain() {
        Instant during = PERIOD_ENDS.minusSeconds(60);
        Instant june = PERIOD_ENDS.plus(Duration.ofDays(30));
        Object[] heardAndPostedAgain = plus(posted(-10),
                new DeedObjected(DEED, MAY, "hh-own-villager", "我没赌博", during),
                new DeedPutOnAgenda(DEED, JUNE, "6月评议会", COMMITTEE, 7),
                new VoteCast(DEED, JUNE, "wang", VoteChoice.APPROVE, "", june),
                new VoteCast(DEED, JUNE, "li", VoteChoice.APPROVE, "", june),
                new VoteCast(DEED, JUNE, "zhao", VoteChoice.APPROVE, "", june),
                new DeedApproved(DEED, JUNE, -10, 3, 0, 0, 5, june),
                new DeedPosted(DEED, HH, JUNE, -10, june, june.plus(Duration.ofDays(7))));
        // neither the household that objected nor anyone else reopens it again: it is confirmed when its period ends
        for (String objector : List.of("hh-own-villager", "villager-liu")) {
            fixture.given(heardAndPostedAgain)
                    .when(new LodgeObjectionCommand(DEED, objector, "还是不对", june.plusSeconds(60)))
                    .expectException(DeedRefusal.class)
                    .expectExceptionMessage(containsString("deed.objection.heard"))
                    .expectNoEvents();
        }
    }

    @Test
    void anObjectionAfterTheObjectionPeriodIsRefused() {
        fixture.given(posted(5))
                .when(new LodgeObjectionCommand(DEED, "villager-liu", "太晚了", PERIOD_ENDS))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.objection.period-over"))
                .expectNoEvents();
    }

    @Test
    void anObjectionNeedsAReasonAndADeedOnTheBoard() {
        fixture.given(posted(5))
                .when(new LodgeObjectionCommand(DEED, "villager-liu", "", VOTED))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.objection.reason-missing"))
                .expectNoEvents();
        fixture.given(reported(HELPING), onAgenda(MAY, 7))
                .when(new LodgeObjectionCommand(DEED, "villager-liu", "不属实", VOTED))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.objection.not-posted"))
                .expectNoEvents();
    }

    @Test
    void aDeedIsConfirmedOnlyAfterTheObjectionPeriodEnds() {
        fixture.given(posted(5))
                .when(new ConfirmDeedCommand(DEED, PERIOD_ENDS.minusSeconds(1)))
                .expectNoEvents()
                .expectResultMessagePayload(settlement(Settlement.Outcome.NOT_DUE));
        fixture.given(posted(5))
                .when(new ConfirmDeedCommand(DEED, PERIOD_ENDS))
                .expectEvents(new DeedConfirmed(DEED, HH, 5, PERIOD_ENDS))
                .expectResultMessagePayload(settlement(Settlement.Outcome.DUE));
    }

    @Test
    void aDeedConfirmedLongAfterItsPeriodEndedIsStillConfirmedOnce() {
        Instant monthsLater = PERIOD_ENDS.plus(Duration.ofDays(90));
        fixture.given(posted(5))
                .when(new ConfirmDeedCommand(DEED, monthsLater))
                .expectEvents(new DeedConfirmed(DEED, HH, 5, monthsLater));
    }

    @Test
    void aDeedConfirmedButNotBookedBeforeTheApplicationStoppedIsDueAgainWithoutANewEvent() {
        fixture.given(plus(posted(5), new DeedConfirmed(DEED, HH, 5, PERIOD_ENDS)))
                .when(new ConfirmDeedCommand(DEED, PERIOD_ENDS.plusSeconds(3600)))
                .expectNoEvents()
                .expectResultMessagePayload(settlement(Settlement.Outcome.DUE));
    }

    @Test
    void aCreditedDeedIsNeverDueAgain() {
        fixture.given(credited())
                .when(new ConfirmDeedCommand(DEED, PERIOD_ENDS.plusSeconds(60)))
                .expectNoEvents()
                .expectResultMessagePayload(settlement(Settlement.Outcome.SETTLED));
    }

    @Test
    void anObjectedDeedIsNotConfirmedWhenItsOldPeriodEnds() {
        fixture.given(plus(posted(5), new DeedObjected(DEED, MAY, "villager-liu", "不属实", VOTED)))
                .when(new ConfirmDeedCommand(DEED, PERIOD_ENDS))
                .expectNoEvents()
                .expectResultMessagePayload(settlement(Settlement.Outcome.NOT_POSTED));
    }

    @Test
    void withAZeroDayPeriodTheDeedIsDueAsSoonAsItIsApproved() {
        fixture.given(reported(HELPING), onAgenda(MAY, 0), vote("wang", VoteChoice.APPROVE),
                        vote("li", VoteChoice.APPROVE))
                .when(new CastVoteCommand(DEED, "zhao", VoteChoice.APPROVE, null, VOTED))
                .expectEvents(vote("zhao", VoteChoice.APPROVE), new DeedApproved(DEED, MAY, 5, 3, 0, 0, 5, VOTED),
                        new DeedPosted(DEED, HH, MAY, 5, VOTED, VOTED));
        fixture.given(reported(HELPING), onAgenda(MAY, 0), new DeedApproved(DEED, MAY, 5, 3, 0, 0, 5, VOTED),
                        new DeedPosted(DEED, HH, MAY, 5, VOTED, VOTED))
                .when(new ConfirmDeedCommand(DEED, VOTED))
                .expectEvents(new DeedConfirmed(DEED, HH, 5, VOTED));
    }

    @Test
    void theLedgerEntryIsRecordedOnceWhateverTheRetries() {
        fixture.given(plus(posted(5), new DeedConfirmed(DEED, HH, 5, PERIOD_ENDS)))
                .when(new RecordCreditCommand(DEED, Settlement.entryIdOf(DEED), 65))
                .expectEvents(new DeedCredited(DEED, HH, Settlement.entryIdOf(DEED), 5, 65));
        fixture.given(credited())
                .when(new RecordCreditCommand(DEED, Settlement.entryIdOf(DEED), 65))
                .expectNoEvents();
        fixture.given(posted(5))
                .when(new RecordCreditCommand(DEED, Settlement.entryIdOf(DEED), 65))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.credit.not-confirmed"))
                .expectNoEvents();
    }

    // withdrawal and revocation

    @Test
    void theReporterWithdrawsAReportBeforeAnyVoteAndItStaysWithdrawn() {
        fixture.given(reported(HELPING), onAgenda(MAY, 7))
                .when(new WithdrawDeedCommand(DEED, REPORTER, "报错了户", VOTED))
                .expectEvents(new DeedWithdrawn(DEED, REPORTER, "报错了户", VOTED));
        fixture.given(reported(HELPING), new DeedWithdrawn(DEED, REPORTER, "", VOTED))
                .when(new PutOnAgendaCommand(DEED, MAY, "5月评议会", COMMITTEE, 7))
                .expectException(DeedRefusal.class).expectNoEvents();
    }

    @Test
    void aReportCannotBeWithdrawnOnceTheCommitteeHasVoted() {
        fixture.given(reported(HELPING), onAgenda(MAY, 7), vote("wang", VoteChoice.APPROVE))
                .when(new WithdrawDeedCommand(DEED, REPORTER, null, VOTED))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.withdraw.too-late"))
                .expectNoEvents();
    }

    @Test
    void aCreditedDeedFoundWrongIsRevokedWithTheReasonAndItsEntryIsNamedForReversal() {
        Instant later = PERIOD_ENDS.plus(Duration.ofDays(30));
        fixture.given(credited())
                .when(new RevokeDeedCommand(DEED, "wang", "查实为虚报", later))
                .expectEvents(new DeedRevoked(DEED, HH, Settlement.entryIdOf(DEED), "wang", "查实为虚报", later))
                .expectResultMessagePayload(settlement(Settlement.Outcome.REVERSE));
    }

    @Test
    void onlyACreditedDeedIsRevokedAndOnlyOnceAndWithAReason() {
        fixture.given(posted(5))
                .when(new RevokeDeedCommand(DEED, "wang", "查实为虚报", VOTED))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.revoke.not-credited")).expectNoEvents();
        fixture.given(plus(credited(), new DeedRevoked(DEED, HH, new EntryId("deed:deed-1"), "wang", "x", VOTED)))
                .when(new RevokeDeedCommand(DEED, "wang", "查实为虚报", VOTED))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.revoke.already")).expectNoEvents();
        fixture.given(credited())
                .when(new RevokeDeedCommand(DEED, "wang", " ", VOTED))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("deed.revoke.reason-missing")).expectNoEvents();
    }
}
