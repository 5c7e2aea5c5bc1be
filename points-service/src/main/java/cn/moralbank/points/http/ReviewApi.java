package cn.moralbank.points.http;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.deed.Corrections;
import cn.moralbank.points.deed.DeedQueries;
import cn.moralbank.points.deed.ReviewSessions;
import cn.moralbank.points.deed.SessionDetail;
import cn.moralbank.points.deed.SessionView;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.DeedStatus;
import cn.moralbank.points.deed.api.ReviewSessionId;
import cn.moralbank.points.deed.api.VoteChoice;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.*;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/**
 * Review sessions (评议会): the administrator prepares one from the village's pending reports and closes it; each
 * committee member votes; the committee may set a deed's points within the rule's range before anyone votes, and
 * revokes a credited deed found wrong later. Every vote and outcome is an event; the answers here say what the
 * deed became.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class ReviewApi {
    private final ReviewSessions sessions;
    private final Corrections corrections;
    private final DeedQueries queries;

    ReviewApi(ReviewSessions sessions, Corrections corrections, DeedQueries queries) {
        this.sessions = sessions;
        this.corrections = corrections;
        this.queries = queries;
    }

    @Get("/villages/{villageId}/review-sessions")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "COMMITTEE_MEMBER"})
    List<SessionView> list(Authentication auth, @Positive long villageId) {
        return queries.sessions(ActorClaims.of(auth), villageId);
    }

    /** Prepares a session with the named deeds, or with every pending deed of the village when none are named. */
    @Post("/villages/{villageId}/review-sessions")
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<Prepared> prepare(Authentication auth, @Positive long villageId, @Body @Valid Preparation form) {
        List<DeedId> deeds = form.deedIds() == null ? null : form.deedIds().stream().map(DeedId::new).toList();
        ReviewSessionId id = sessions.prepare(ActorClaims.of(auth), villageId, form.title(), form.heldOn(), deeds);
        return HttpResponse.created(new Prepared(id.value()), URI.create("/api/review-sessions/" + id.value()));
    }

    @Get("/review-sessions/{id}")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "COMMITTEE_MEMBER"})
    SessionDetail session(Authentication auth, String id) {
        return queries.session(ActorClaims.of(auth), new ReviewSessionId(id));
    }

    /** Closes a session: what it left undecided waits for the next one. */
    @Post("/review-sessions/{id}/closing")
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<?> close(Authentication auth, String id) {
        sessions.close(ActorClaims.of(auth), new ReviewSessionId(id));
        return HttpResponse.noContent();
    }

    /** A committee member's vote; the answer says whether it decided the deed (POSTED, REJECTED) or not yet. */
    @Post("/deeds/{id}/votes")
    @Secured({"COMMITTEE_MEMBER"})
    HttpResponse<Voted> vote(Authentication auth, String id, @Body @Valid Vote vote) {
        DeedStatus status = sessions.vote(ActorClaims.of(auth), new DeedId(id), vote.choice(), vote.comment());
        return HttpResponse.created(new Voted(id, vote.choice(), status));
    }

    /** The committee's points for a deed, within the rule's range, with the reason; before anyone votes on it. */
    @Put("/deeds/{id}/points")
    @Secured({"COMMITTEE_MEMBER", "VILLAGE_ADMIN"})
    HttpResponse<?> adjustPoints(Authentication auth, String id, @Body @Valid Adjustment adjustment) {
        sessions.adjustPoints(ActorClaims.of(auth), new DeedId(id), adjustment.points(), adjustment.reason());
        return HttpResponse.noContent();
    }

    /** A credited deed found wrong: revoked, and its points reversed by a new passbook line with the reason. */
    @Post("/deeds/{id}/revocation")
    @Secured({"COMMITTEE_MEMBER", "VILLAGE_ADMIN"})
    HttpResponse<?> revoke(Authentication auth, String id, @Body @Valid Revocation revocation) {
        corrections.revoke(ActorClaims.of(auth), new DeedId(id), revocation.reason());
        return HttpResponse.noContent();
    }

    @Serdeable
    record Preparation(@Nullable @Size(max = 100) String title, @Nullable LocalDate heldOn,
                       @Nullable @Size(max = 500) List<String> deedIds) {
    }

    @Serdeable
    record Prepared(String sessionId) {
    }

    /** choice is APPROVE, REJECT or ABSTAIN. */
    @Serdeable
    record Vote(@NotNull VoteChoice choice, @Nullable @Size(max = 500) String comment) {
    }

    @Serdeable
    record Voted(String deedId, VoteChoice choice, DeedStatus status) {
    }

    @Serdeable
    record Adjustment(long points, @Nullable String reason) {
    }

    @Serdeable
    record Revocation(@Nullable String reason) {
    }
}
