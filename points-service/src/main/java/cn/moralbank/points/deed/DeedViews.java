package cn.moralbank.points.deed;

import cn.moralbank.points.common.Projection;
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
 * deeds), sessions, what each session decided, and every vote. Each batch commits with the processor's token; a
 * reset empties the tables for a replay.
 */
@Singleton
@ProcessingGroup(DeedViews.NAME)
class DeedViews implements Projection {
    static final String NAME = "deed-views";

    private final DeedViewRepositories.Deeds deeds;
    private final DeedViewRepositories.Votes votes;
    private final DeedViewRepositories.Sessions sessions;
    private final DeedViewRepositories.Items items;

    DeedViews(DeedViewRepositories.Deeds deeds, DeedViewRepositories.Votes votes,
              DeedViewRepositories.Sessions sessions, DeedViewRepositories.Items items) {
        this.deeds = deeds;
        this.votes = votes;
        this.sessions = sessions;
        this.items = items;
    }

    @EventHandler
    void on(DeedReported e, @Timestamp Instant at) {
        RuleTerms rule = e.rule();
        String photos = e.photos().stream().map(PhotoId::value).collect(Collectors.joining(","));
        deeds.save(new DeedView(e.deedId().value(), e.householdId().value(), e.householdName(), e.villageId(),
                e.villagePath(), rule.ruleId().value(), rule.version(), rule.code(), rule.name(), rule.category(),
                e.points(), e.deedDate(), e.description(), photos, e.witness(), e.reporter(), e.reporterRole().name(),
                e.reportedAt(), DeedStatus.PENDING, null, null, null, 0, "", null, at));
    }

    @EventHandler
    void on(DeedPutOnAgenda e, @Timestamp Instant at) {
        String deed = e.deedId().value();
        String session = e.sessionId().value();
        deeds.onAgenda(deed, DeedStatus.UNDER_REVIEW.name(), session, at);
        long points = deeds.findById(deed).map(DeedView::points).orElse(0L);
        items.save(new SessionItem(SessionItem.idOf(session, deed), session, deed, DeedStatus.UNDER_REVIEW.name(),
                points, 0, 0, 0, null));
    }

    @EventHandler
    void on(VoteCast e, @MessageIdentifier String eventId) {
        votes.save(new VoteView(eventId, e.deedId().value(), e.sessionId().value(), e.voter(), e.choice(),
                e.comment(), e.castAt()));
    }

    @EventHandler
    void on(DeedPointsAdjusted e, @Timestamp Instant at) {
        deeds.points(e.deedId().value(), e.toPoints(), at);
        items.points(SessionItem.idOf(e.sessionId().value(), e.deedId().value()), e.toPoints());
    }

    @EventHandler
    void on(DeedApproved e) {
        items.decided(SessionItem.idOf(e.sessionId().value(), e.deedId().value()), "APPROVED", e.approvals(),
                e.rejections(), e.abstentions(), e.decidedAt(), e.points());
    }

    @EventHandler
    void on(DeedPosted e) {
        deeds.posted(e.deedId().value(), e.points(), e.postedAt(), e.periodEnds());
    }

    @EventHandler
    void on(DeedRejected e) {
        deeds.status(e.deedId().value(), DeedStatus.REJECTED.name(), e.decidedAt());
        items.decided(SessionItem.idOf(e.sessionId().value(), e.deedId().value()), "REJECTED", e.approvals(),
                e.rejections(), e.abstentions(), e.decidedAt(), null);
    }

    @EventHandler
    void on(DeedReturnedToQueue e, @Timestamp Instant at) {
        deeds.status(e.deedId().value(), DeedStatus.PENDING.name(), at);
        items.leftReview(e.deedId().value(), "RETURNED", at);
    }

    @EventHandler
    void on(DeedObjected e) {
        deeds.objected(e.deedId().value(), e.reason(), e.lodgedAt());
    }

    @EventHandler
    void on(DeedConfirmed e) {
        deeds.status(e.deedId().value(), DeedStatus.CONFIRMED.name(), e.confirmedAt());
    }

    @EventHandler
    void on(DeedCredited e, @Timestamp Instant at) {
        deeds.credited(e.deedId().value(), e.entryId().value(), at);
    }

    @EventHandler
    void on(DeedWithdrawn e) {
        deeds.status(e.deedId().value(), DeedStatus.WITHDRAWN.name(), e.withdrawnAt());
        items.leftReview(e.deedId().value(), "WITHDRAWN", e.withdrawnAt());
    }

    @EventHandler
    void on(DeedRevoked e) {
        deeds.status(e.deedId().value(), DeedStatus.REVOKED.name(), e.revokedAt());
    }

    @EventHandler
    void on(ReviewSessionPrepared e) {
        sessions.save(new SessionView(e.sessionId().value(), e.villageId(), e.villagePath(), e.title(), e.heldOn(),
                String.join(",", e.committee()), e.objectionDays(), e.agenda().size(), SessionView.OPEN,
                e.preparedBy(), e.preparedAt(), null));
    }

    @EventHandler
    void on(ReviewSessionClosed e) {
        sessions.closed(e.sessionId().value(), e.closedAt());
    }

    @ResetHandler
    void reset() {
        votes.deleteAll();
        items.deleteAll();
        sessions.deleteAll();
        deeds.deleteAll();
    }
}
