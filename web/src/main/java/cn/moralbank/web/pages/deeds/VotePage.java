package cn.moralbank.web.pages.deeds;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.deed.DeedQueries;
import cn.moralbank.points.deed.ReviewSessions;
import cn.moralbank.points.deed.SessionDetail;
import cn.moralbank.points.deed.SessionView;
import cn.moralbank.points.deed.VoteView;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.DeedStatus;
import cn.moralbank.points.deed.api.ReviewSessionId;
import cn.moralbank.points.deed.api.VoteChoice;
import cn.moralbank.points.region.Region;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.*;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The committee member's voting page, made for a phone: each deed on an open session's agenda as a card with big
 * approve / reject / abstain buttons and an optional comment. A member's own report and deeds already voted on show
 * why there is nothing to press.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/deeds")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COMMITTEE_MEMBER"})
class VotePage {
    static final String VIEW = "deeds/vote";

    private final DeedQueries queries;
    private final ReviewSessions sessions;
    private final VillagePick villages;
    private final PeopleNames names;
    private final Refusals refusals;
    private final Times times;

    VotePage(DeedQueries queries, ReviewSessions sessions, VillagePick villages, PeopleNames names,
             Refusals refusals, Times times) {
        this.queries = queries;
        this.sessions = sessions;
        this.villages = villages;
        this.names = names;
        this.refusals = refusals;
        this.times = times;
    }

    @Get("/vote")
    ModelAndView<Map<String, Object>> ballots(Authentication auth, @Nullable @QueryValue String voted,
                                              @Nullable @QueryValue VoteChoice choice,
                                              @Nullable @QueryValue DeedStatus status) {
        Map<String, Object> model = model(ActorClaims.of(auth));
        model.put("voted", voted);
        model.put("votedChoice", choice);
        model.put("votedStatus", status);
        return new ModelAndView<>(VIEW, model);
    }

    @Post(value = "/{id}/vote", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> vote(HttpRequest<?> request, Authentication auth, String id, @Body Map<String, Object> form) {
        Actor actor = ActorClaims.of(auth);
        DeedId deed = new DeedId(id);
        return refusals.formOr(request, () -> {
            VoteChoice choice = choiceOf(ReviewPages.text(form.get("choice")));
            DeedStatus after = sessions.vote(actor, deed, choice, ReviewPages.text(form.get("comment")));
            return HttpResponse.seeOther(URI.create("/deeds/vote?voted=" + id + "&choice=" + choice
                    + "&status=" + after + "#ballots"));
        }, VIEW, () -> model(actor));
    }

    /** Each deed under review in the member's village, with what this member may still do about it. */
    private Map<String, Object> model(Actor actor) {
        Region village = villages.require(actor, null);
        List<Ballot> ballots = new ArrayList<>();
        Set<String> people = new HashSet<>();
        for (SessionView session : queries.sessions(actor, village.id())) {
            if (!session.open()) {
                continue;
            }
            for (SessionDetail.Line line : ReviewPages.inReportOrder(queries.session(actor,
                    new ReviewSessionId(session.sessionId())))) {
                if (line.deed().status() != DeedStatus.UNDER_REVIEW || !"UNDER_REVIEW".equals(line.item().outcome())) {
                    continue;
                }
                VoteChoice mine = line.votes().stream().filter(v -> v.voter().equals(actor.userId()))
                        .map(VoteView::choice).findFirst().orElse(null);
                ballots.add(new Ballot(session, line, mine, line.deed().reportedBy().equals(actor.userId()),
                        session.members().contains(actor.userId())));
                people.add(line.deed().reportedBy());
                line.votes().forEach(v -> people.add(v.voter()));
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("village", village);
        model.put("ballots", ballots);
        model.put("times", times);
        model.put("open", ballots.stream().filter(Ballot::canVote).count());
        model.put("names", names.of(people));
        return model;
    }

    private static VoteChoice choiceOf(@Nullable String choice) {
        try {
            return VoteChoice.valueOf(choice == null ? "" : choice);
        } catch (IllegalArgumentException e) {
            throw new BadInput("deed.vote.choice-missing");
        }
    }

    /**
     * One deed on the member's phone: their own vote if they cast one, whether it is their own report (they may not
     * vote on it) and whether they sit on the session's committee (one who joined later does not).
     */
    record Ballot(SessionView session, SessionDetail.Line line, @Nullable VoteChoice mine, boolean ownReport,
                  boolean member) {
        public boolean canVote() {
            return mine == null && !ownReport && member;
        }

        public VoteCount count() {
            return VoteCount.of(line.votes());
        }
    }
}
