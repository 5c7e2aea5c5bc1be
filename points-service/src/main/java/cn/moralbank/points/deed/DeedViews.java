package cn.moralbank.points.deed;

import cn.moralbank.points.common.Projection;
import cn.moralbank.points.common.ViewTables;
import cn.moralbank.points.deed.api.*;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;

import java.time.Instant;
import java.util.stream.Collectors;

/**
 * The deed read models from the Deed and ReviewSession events: deeds per status (review queue, notice board, my
 * deeds), sessions, what each session decided, and every vote. Each batch's writes are sent together when it
 * commits, with the processor's token ({@link DeedViewWrites}); a reset empties the tables for a replay.
 */
@Singleton
@ProcessingGroup(DeedViews.NAME)
class DeedViews implements Projection {
    static final String NAME = "deed-views";

    private final DeedViewWrites writes;
    private final DeedViewRepositories.Deeds deeds;
    private final DeedViewRepositories.Votes votes;
    private final DeedViewRepositories.Sessions sessions;
    private final DeedViewRepositories.Items items;
    private final ViewTables tables;

    DeedViews(DeedViewWrites writes, DeedViewRepositories.Deeds deeds, DeedViewRepositories.Votes votes,
              DeedViewRepositories.Sessions sessions, DeedViewRepositories.Items items, ViewTables tables) {
        this.writes = writes;
        this.tables = tables;
        this.deeds = deeds;
        this.votes = votes;
        this.sessions = sessions;
        this.items = items;
    }

    @EventHandler
    void on(DeedReported e, @Timestamp Instant at) {
        RuleTerms rule = e.rule();
        String photos = e.photos().stream().map(PhotoId::value).collect(Collectors.joining(","));
        writes.reported(new DeedView(e.deedId().value(), e.householdId().value(), e.householdName(), e.villageId(),
                e.villagePath(), rule.ruleId().value(), rule.version(), rule.code(), rule.name(), rule.category(),
                e.points(), e.deedDate(), e.description(), photos, e.witness(), e.reporter(), e.reporterRole().name(),
                e.reportedAt(), DeedStatus.PENDING, null, null, null, 0, "", null, at));
    }

    @EventHandler
    void on(DeedPutOnAgenda e, @Timestamp Instant at) {
        writes.onAgenda(e.deedId().value(), e.sessionId().value(), at);
    }

    @EventHandler
    void on(VoteCast e, @MessageIdentifier String eventId) {
        writes.vote(eventId, e.deedId().value(), e.sessionId().value(), e.voter(), e.choice(), e.comment(),
                e.castAt());
    }

    @EventHandler
    void on(DeedPointsAdjusted e, @Timestamp Instant at) {
        writes.points(e.deedId().value(), e.sessionId().value(), e.toPoints(), at);
    }

    @EventHandler
    void on(DeedApproved e) {
        writes.decided(e.deedId().value(), e.sessionId().value(), "APPROVED", e.approvals(), e.rejections(),
                e.abstentions(), e.decidedAt(), e.points());
    }

    @EventHandler
    void on(DeedPosted e) {
        writes.posted(e.deedId().value(), e.points(), e.postedAt(), e.periodEnds());
    }

    @EventHandler
    void on(DeedRejected e) {
        writes.status(e.deedId().value(), DeedStatus.REJECTED, e.decidedAt());
        writes.decided(e.deedId().value(), e.sessionId().value(), "REJECTED", e.approvals(), e.rejections(),
                e.abstentions(), e.decidedAt(), null);
    }

    @EventHandler
    void on(DeedReturnedToQueue e, @Timestamp Instant at) {
        writes.status(e.deedId().value(), DeedStatus.PENDING, at);
        writes.leftReview(e.deedId().value(), "RETURNED", at);
    }

    @EventHandler
    void on(DeedObjected e) {
        writes.objected(e.deedId().value(), e.reason(), e.lodgedAt());
    }

    @EventHandler
    void on(DeedConfirmed e) {
        writes.status(e.deedId().value(), DeedStatus.CONFIRMED, e.confirmedAt());
    }

    @EventHandler
    void on(DeedCredited e, @Timestamp Instant at) {
        writes.credited(e.deedId().value(), e.entryId().value(), at);
    }

    @EventHandler
    void on(DeedWithdrawn e) {
        writes.status(e.deedId().value(), DeedStatus.WITHDRAWN, e.withdrawnAt());
        writes.leftReview(e.deedId().value(), "WITHDRAWN", e.withdrawnAt());
    }

    @EventHandler
    void on(DeedRevoked e) {
        writes.status(e.deedId().value(), DeedStatus.REVOKED, e.revokedAt());
    }

    @EventHandler
    void on(ReviewSessionPrepared e) {
        writes.sessionPrepared(new SessionView(e.sessionId().value(), e.villageId(), e.villagePath(), e.title(),
                e.heldOn(), String.join(",", e.committee()), e.objectionDays(), e.agenda().size(), SessionView.OPEN,
                e.preparedBy(), e.preparedAt(), null));
    }

    @EventHandler
    void on(ReviewSessionClosed e) {
        writes.sessionClosed(e.sessionId().value(), e.closedAt());
    }

    @ResetHandler
    void reset() {
        tables.empty("deed_vote", "review_session_item", "review_session_view", "deed_view");
    }
}
