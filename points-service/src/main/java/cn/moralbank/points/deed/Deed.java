package cn.moralbank.points.deed;

import cn.moralbank.points.deed.api.*;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.jmolecules.architecture.onion.simplified.DomainRing;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.moralbank.points.deed.api.DeedStatus.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A reported deed (or bad behaviour) on its way to points. Invariants: only the committee of the session it is on
 * votes, each member once, never the reporter, never after the decision; a majority of the committee's members
 * decides; an approved deed counts only after its objection period passes without objection; it is booked in the
 * ledger once, and a booked deed is revoked at most once. Scope and catalog checks happen before the report.
 */
@AggregateRoot
@DomainRing
class Deed {

    @AggregateIdentifier
    @Identity
    private DeedId deedId;
    private HouseholdId householdId;
    private String reporter;
    private RuleTerms rule;
    private long points;
    private DeedStatus status;
    private ReviewSessionId sessionId;
    private String sessionTitle;
    private List<String> committee = List.of();
    private int objectionDays;
    private Map<String, VoteChoice> votes = new HashMap<>();
    private Instant periodEnds;
    /**
     * An objection (异议) was heard: it sent the deed back to the committee, which posted it again. One objection
     * reopens a deed, never a second: otherwise one villager, or the household itself against its own penalty,
     * could keep it off the ledger for ever by objecting each time it is posted. Later facts are the committee's to
     * weigh by revoking the deed.
     */
    private boolean objectionHeard;
    private EntryId entryId;

    Deed() {
        // for Axon
    }

    @CommandHandler
    Deed(ReportDeedCommand c) {
        String description = Text.required(c.description(), 1000, "deed.description.invalid");
        if (c.rule().points() < c.rule().minPoints() || c.rule().points() > c.rule().maxPoints()) {
            throw new DeedRefusal("deed.points.out-of-range", c.rule().points(), c.rule().minPoints(),
                    c.rule().maxPoints());
        }
        List<PhotoId> photos = c.photos() == null ? List.of() : List.copyOf(c.photos());
        switch (c.rule().evidence()) {
            case PHOTO -> {
                if (photos.isEmpty()) {
                    throw new DeedRefusal("deed.evidence.photo-missing", c.rule().code());
                }
            }
            case WITNESS -> Text.required(c.witness(), 100, "deed.evidence.witness-missing");
            case NONE -> { }
        }
        apply(new DeedReported(c.deedId(), c.householdId(), c.householdName(), c.villageId(), c.villagePath(),
                c.rule(), c.rule().points(), c.deedDate(), description, photos,
                Text.optional(c.witness(), 100, "deed.evidence.witness-missing"), c.reporter(), c.reporterRole(),
                c.reportedAt()));
    }

    @CommandHandler
    void handle(PutOnAgendaCommand c) {
        if (status != PENDING) {
            throw new DeedRefusal("deed.agenda.not-pending", deedId.value(), status);
        }
        if (c.committee().isEmpty()) {
            throw new DeedRefusal("session.committee.empty");
        }
        apply(new DeedPutOnAgenda(deedId, c.sessionId(), c.sessionTitle(), List.copyOf(c.committee()),
                c.objectionDays()));
    }

    @CommandHandler
    DeedStatus handle(CastVoteCommand c) {
        if (status != UNDER_REVIEW) {
            throw new DeedRefusal("deed.vote.not-under-review", status);
        }
        if (!committee.contains(c.voter())) {
            throw new DeedRefusal("deed.vote.not-member", c.voter());
        }
        if (c.voter().equals(reporter)) {
            throw new DeedRefusal("deed.vote.own-report");
        }
        if (votes.containsKey(c.voter())) {
            throw new DeedRefusal("deed.vote.twice", c.voter());
        }
        String comment = Text.optional(c.comment(), 500, "deed.vote.comment-too-long");
        apply(new VoteCast(deedId, sessionId, c.voter(), c.choice(), comment, c.castAt()));
        Tally tally = Tally.of(votes.values(), committee.size());
        if (tally.approved()) {
            apply(new DeedApproved(deedId, sessionId, points, tally.approvals(), tally.rejections(),
                    tally.abstentions(), tally.committeeSize(), c.castAt()));
            apply(new DeedPosted(deedId, householdId, sessionId, points, c.castAt(),
                    c.castAt().plus(Duration.ofDays(objectionDays))));
        } else if (tally.rejected()) {
            apply(new DeedRejected(deedId, sessionId, tally.approvals(), tally.rejections(), tally.abstentions(),
                    tally.committeeSize(), c.castAt()));
        }
        return status;
    }

    @CommandHandler
    void handle(AdjustPointsCommand c) {
        if (status != UNDER_REVIEW) {
            throw new DeedRefusal("deed.points.not-under-review", status);
        }
        if (!votes.isEmpty()) {
            throw new DeedRefusal("deed.points.after-votes");
        }
        if (c.points() < rule.minPoints() || c.points() > rule.maxPoints()) {
            throw new DeedRefusal("deed.points.out-of-range", c.points(), rule.minPoints(), rule.maxPoints());
        }
        String reason = Text.required(c.reason(), 500, "deed.points.reason-missing");
        if (c.points() != points) {
            apply(new DeedPointsAdjusted(deedId, sessionId, points, c.points(), reason, c.adjustedBy()));
        }
    }

    @CommandHandler
    void handle(ReturnToQueueCommand c) {
        // only what this session left undecided goes back; anything decided or moved on stays as it is
        if (status == UNDER_REVIEW && c.sessionId().equals(sessionId)) {
            apply(new DeedReturnedToQueue(deedId, sessionId));
        }
    }

    @CommandHandler
    void handle(LodgeObjectionCommand c) {
        if (status != POSTED) {
            throw new DeedRefusal("deed.objection.not-posted", status);
        }
        if (!c.lodgedAt().isBefore(periodEnds)) {
            throw new DeedRefusal("deed.objection.period-over", periodEnds);
        }
        if (objectionHeard) {
            throw new DeedRefusal("deed.objection.heard");
        }
        String reason = Text.required(c.reason(), 500, "deed.objection.reason-missing");
        apply(new DeedObjected(deedId, sessionId, c.objector(), reason, c.lodgedAt()));
    }

    @CommandHandler
    Settlement handle(ConfirmDeedCommand c) {
        switch (status) {
            case POSTED -> {
                if (c.at().isBefore(periodEnds)) {
                    return settlement(Settlement.Outcome.NOT_DUE);
                }
                apply(new DeedConfirmed(deedId, householdId, points, c.at()));
                return settlement(Settlement.Outcome.DUE);
            }
            // confirmed before, but the ledger entry was not recorded (the application stopped in between)
            case CONFIRMED -> {
                return settlement(Settlement.Outcome.DUE);
            }
            case CREDITED, REVOKED -> {
                return settlement(Settlement.Outcome.SETTLED);
            }
            default -> {
                return settlement(Settlement.Outcome.NOT_POSTED);
            }
        }
    }

    @CommandHandler
    void handle(RecordCreditCommand c) {
        if (status == CREDITED || status == REVOKED) {
            return;
        }
        if (status != CONFIRMED) {
            throw new DeedRefusal("deed.credit.not-confirmed", status);
        }
        apply(new DeedCredited(deedId, householdId, c.entryId(), points, c.balanceAfter()));
    }

    @CommandHandler
    void handle(WithdrawDeedCommand c) {
        boolean beforeAnyVote = status == PENDING || (status == UNDER_REVIEW && votes.isEmpty());
        if (!beforeAnyVote) {
            throw new DeedRefusal("deed.withdraw.too-late", status);
        }
        apply(new DeedWithdrawn(deedId, c.withdrawnBy(),
                Text.optional(c.reason(), 500, "deed.withdraw.reason-too-long"), c.withdrawnAt()));
    }

    @CommandHandler
    Settlement handle(RevokeDeedCommand c) {
        if (status == REVOKED) {
            throw new DeedRefusal("deed.revoke.already");
        }
        if (status != CREDITED) {
            throw new DeedRefusal("deed.revoke.not-credited", status);
        }
        String reason = Text.required(c.reason(), 500, "deed.revoke.reason-missing");
        apply(new DeedRevoked(deedId, householdId, entryId, c.revokedBy(), reason, c.revokedAt()));
        return settlement(Settlement.Outcome.REVERSE);
    }

    private Settlement settlement(Settlement.Outcome outcome) {
        return new Settlement(outcome, deedId, householdId,
                entryId == null ? Settlement.entryIdOf(deedId) : entryId, points, rule, sessionId, sessionTitle);
    }

    @EventSourcingHandler
    void on(DeedReported e) {
        deedId = e.deedId();
        householdId = e.householdId();
        reporter = e.reporter();
        rule = e.rule();
        points = e.points();
        status = PENDING;
    }

    @EventSourcingHandler
    void on(DeedPutOnAgenda e) {
        status = UNDER_REVIEW;
        sessionId = e.sessionId();
        sessionTitle = e.sessionTitle();
        committee = e.committee();
        objectionDays = e.objectionDays();
        votes = new HashMap<>();
    }

    @EventSourcingHandler
    void on(VoteCast e) {
        votes.put(e.voter(), e.choice());
    }

    @EventSourcingHandler
    void on(DeedPointsAdjusted e) {
        points = e.toPoints();
    }

    @EventSourcingHandler
    void on(DeedPosted e) {
        status = POSTED;
        periodEnds = e.periodEnds();
    }

    @EventSourcingHandler
    void on(DeedRejected e) {
        status = REJECTED;
    }

    @EventSourcingHandler
    void on(DeedReturnedToQueue e) {
        status = PENDING;
    }

    @EventSourcingHandler
    void on(DeedObjected e) {
        status = PENDING;
        periodEnds = null;
        objectionHeard = true;
    }

    @EventSourcingHandler
    void on(DeedConfirmed e) {
        status = CONFIRMED;
    }

    @EventSourcingHandler
    void on(DeedCredited e) {
        status = CREDITED;
        entryId = e.entryId();
    }

    @EventSourcingHandler
    void on(DeedWithdrawn e) {
        status = WITHDRAWN;
    }

    @EventSourcingHandler
    void on(DeedRevoked e) {
        status = REVOKED;
    }
}
