package cn.moralbank.web.pages.deeds;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.SaneDate;
import cn.moralbank.points.common.WholeNumber;
import cn.moralbank.points.deed.Corrections;
import cn.moralbank.points.deed.DeedQueries;
import cn.moralbank.points.deed.DeedView;
import cn.moralbank.points.deed.ReviewSessions;
import cn.moralbank.points.deed.SessionDetail;
import cn.moralbank.points.deed.SessionView;
import cn.moralbank.points.deed.VoteView;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.DeedStatus;
import cn.moralbank.points.deed.api.ReviewSessionId;
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
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The administrator's review page: the village's deeds by where they stand (pending, under review with the votes so
 * far, posted, credited), preparing a session from the pending reports, a session's agenda with every vote, closing
 * it, the committee's points, and revoking a credited deed. Committee members and the offices above read it too.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/deeds")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"VILLAGE_ADMIN", "COMMITTEE_MEMBER", "TOWNSHIP_OFFICER", "COUNTY_OFFICE"})
class ReviewPages {
    static final String VIEW = "deeds/review";
    static final String SESSION_VIEW = "deeds/session";
    /** Credited deeds stay in the village for years; the page shows the latest, the passbooks keep them all. */
    static final int CREDITED_SHOWN = 20;

    private final DeedQueries queries;
    private final ReviewSessions sessions;
    private final Corrections corrections;
    private final VillagePick villages;
    private final PeopleNames names;
    private final Refusals refusals;
    private final Times times;
    private final Clock clock;

    ReviewPages(DeedQueries queries, ReviewSessions sessions, Corrections corrections, VillagePick villages,
                PeopleNames names, Refusals refusals, Times times, Clock clock) {
        this.queries = queries;
        this.sessions = sessions;
        this.corrections = corrections;
        this.villages = villages;
        this.names = names;
        this.refusals = refusals;
        this.times = times;
        this.clock = clock;
    }

    @Get("/review")
    ModelAndView<Map<String, Object>> review(Authentication auth, @Nullable @QueryValue Long village) {
        return new ModelAndView<>(VIEW, reviewModel(ActorClaims.of(auth), village));
    }

    /** Prepares a session with the ticked pending reports (all pending ones when none are ticked). */
    @Post(value = "/sessions", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<?> prepare(HttpRequest<?> request, Authentication auth, @Body Map<String, Object> form) {
        Actor actor = ActorClaims.of(auth);
        Region village = villages.require(actor, null);
        return refusals.formOr(request, () -> {
            List<DeedId> ticked = values(form.get("deed")).stream().map(DeedId::new).toList();
            ReviewSessionId id = sessions.prepare(actor, village.id(), text(form.get("title")),
                    date(form.get("heldOn")), ticked);
            return HttpResponse.seeOther(URI.create("/deeds/sessions/" + id.value()));
        }, VIEW, () -> reviewModel(actor, village.id()));
    }

    @Get("/sessions/{id}")
    ModelAndView<Map<String, Object>> session(Authentication auth, String id) {
        return new ModelAndView<>(SESSION_VIEW, sessionModel(ActorClaims.of(auth), new ReviewSessionId(id)));
    }

    @Post(value = "/sessions/{id}/close", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<?> close(HttpRequest<?> request, Authentication auth, String id) {
        Actor actor = ActorClaims.of(auth);
        ReviewSessionId session = new ReviewSessionId(id);
        return refusals.formOr(request, () -> {
            sessions.close(actor, session);
            return HttpResponse.seeOther(URI.create("/deeds/sessions/" + id));
        }, SESSION_VIEW, () -> sessionModel(actor, session));
    }

    /** The committee's points for a deed on the agenda, before anyone voted on it. */
    @Post(value = "/{id}/points", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"VILLAGE_ADMIN", "COMMITTEE_MEMBER"})
    HttpResponse<?> adjust(HttpRequest<?> request, Authentication auth, String id, @Body Map<String, Object> form) {
        Actor actor = ActorClaims.of(auth);
        DeedView deed = queries.deed(actor, new DeedId(id));
        // a deed on no agenda has no session page: the refusal (not under review) is shown on the review page
        ReviewSessionId session = deed.sessionId() == null ? null : new ReviewSessionId(deed.sessionId());
        return refusals.formOr(request, () -> {
            long points = number(form.get("points"));
            sessions.adjustPoints(actor, deed.id(), points, text(form.get("reason")));
            return HttpResponse.seeOther(URI.create("/deeds/sessions/" + deed.sessionId()));
        }, session == null ? VIEW : SESSION_VIEW,
                () -> session == null ? reviewModel(actor, deed.villageId()) : sessionModel(actor, session));
    }

    /** Revokes a credited deed: its points are reversed by a new passbook line with the reason. */
    @Post(value = "/{id}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"VILLAGE_ADMIN", "COMMITTEE_MEMBER"})
    HttpResponse<?> revoke(HttpRequest<?> request, Authentication auth, String id, @Body Map<String, Object> form) {
        Actor actor = ActorClaims.of(auth);
        DeedView deed = queries.deed(actor, new DeedId(id));
        return refusals.formOr(request, () -> {
            corrections.revoke(actor, deed.id(), text(form.get("reason")));
            return HttpResponse.seeOther(URI.create("/deeds/review?village=" + deed.villageId() + "#credited"));
        }, VIEW, () -> reviewModel(actor, deed.villageId()));
    }

    private Map<String, Object> reviewModel(Actor actor, @Nullable Long villageId) {
        Map<String, Object> model = new HashMap<>();
        model.put("canPrepare", actor.role() == Role.VILLAGE_ADMIN);
        model.put("creditedShown", CREDITED_SHOWN);
        model.put("times", times);
        model.put("canRevoke", actor.role() == Role.VILLAGE_ADMIN || actor.role() == Role.COMMITTEE_MEMBER);
        Region village = villages.pick(actor, villageId).orElse(null);
        model.put("village", village);
        model.put("villages", villages.choices(actor));
        if (village == null) {
            return model;
        }
        List<DeedView> deeds = queries.reviewQueue(actor, village.id(), EnumSet.of(DeedStatus.PENDING,
                DeedStatus.UNDER_REVIEW, DeedStatus.POSTED, DeedStatus.CONFIRMED, DeedStatus.CREDITED));
        model.put("pending", only(deeds, DeedStatus.PENDING));
        model.put("underReview", only(deeds, DeedStatus.UNDER_REVIEW));
        List<DeedView> posted = new ArrayList<>(only(deeds, DeedStatus.POSTED));
        posted.addAll(only(deeds, DeedStatus.CONFIRMED));
        model.put("posted", posted);
        model.put("credited", only(deeds, DeedStatus.CREDITED).stream()
                .sorted(Comparator.comparing(DeedView::updatedAt).reversed()).limit(CREDITED_SHOWN).toList());
        List<SessionView> all = queries.sessions(actor, village.id());
        model.put("sessions", all);
        // the votes so far on each deed under review, from the open sessions' agendas
        Map<String, SessionDetail.Line> lines = new HashMap<>();
        Map<String, SessionView> sessionOf = new HashMap<>();
        Map<String, VoteCount> counts = new HashMap<>();
        for (SessionView open : all.stream().filter(SessionView::open).toList()) {
            for (SessionDetail.Line line : queries.session(actor, new ReviewSessionId(open.sessionId())).lines()) {
                lines.put(line.deed().deedId(), line);
                sessionOf.put(line.deed().deedId(), open);
                counts.put(line.deed().deedId(), VoteCount.of(line.votes()));
            }
        }
        model.put("lines", lines);
        model.put("sessionOf", sessionOf);
        model.put("counts", counts);
        model.put("reporters", names.of(deeds.stream().map(DeedView::reportedBy).toList()));
        LocalDate today = LocalDate.now(clock);
        model.put("suggestedTitle", today.getYear() + "年" + today.getMonthValue() + "月评议会");
        model.put("today", today);
        return model;
    }

    private Map<String, Object> sessionModel(Actor actor, ReviewSessionId id) {
        SessionDetail detail = queries.session(actor, id);
        Set<String> people = new HashSet<>(detail.session().members());
        people.add(detail.session().preparedBy());
        for (SessionDetail.Line line : detail.lines()) {
            people.add(line.deed().reportedBy());
            line.votes().stream().map(VoteView::voter).forEach(people::add);
        }
        Map<String, VoteCount> counts = new HashMap<>();
        detail.lines().forEach(l -> counts.put(l.deed().deedId(), VoteCount.of(l.votes())));
        Map<String, Object> model = new HashMap<>();
        model.put("counts", counts);
        model.put("detail", detail);
        model.put("lines", inReportOrder(detail));
        model.put("times", times);
        model.put("session", detail.session());
        model.put("names", names.of(people));
        model.put("canClose", actor.role() == Role.VILLAGE_ADMIN && detail.session().open());
        model.put("canAdjust", actor.role() == Role.VILLAGE_ADMIN || actor.role() == Role.COMMITTEE_MEMBER);
        model.put("majority", detail.session().members().size() / 2 + 1);
        return model;
    }

    /** A session's agenda in the order the deeds were reported, the same on every page and every visit. */
    static List<SessionDetail.Line> inReportOrder(SessionDetail detail) {
        return detail.lines().stream().sorted(Comparator.comparing((SessionDetail.Line l) -> l.deed().reportedAt())
                .thenComparing(l -> l.deed().deedId())).toList();
    }

    private static List<DeedView> only(List<DeedView> deeds, DeedStatus status) {
        return deeds.stream().filter(d -> d.status() == status).toList();
    }

    /** A form field sent once arrives as a string, sent several times (ticked boxes) as a list. */
    static List<String> values(@Nullable Object field) {
        if (field == null) {
            return List.of();
        }
        if (field instanceof List<?> list) {
            return list.stream().map(String::valueOf).filter(s -> !s.isBlank()).toList();
        }
        String one = String.valueOf(field);
        return one.isBlank() ? List.of() : List.of(one);
    }

    static @Nullable String text(@Nullable Object field) {
        List<String> all = values(field);
        return all.isEmpty() ? null : all.get(0);
    }

    static @Nullable LocalDate date(@Nullable Object field) {
        String s = text(field);
        try {
            return s == null ? null : SaneDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new BadInput("deed.form.date-invalid", s);
        }
    }

    static long number(@Nullable Object field) {
        String s = text(field);
        try {
            return WholeNumber.parse(s);
        } catch (NumberFormatException e) {
            throw new BadInput("deed.form.number-invalid", String.valueOf(s));
        }
    }
}
