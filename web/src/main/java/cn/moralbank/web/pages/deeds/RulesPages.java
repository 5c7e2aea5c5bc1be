package cn.moralbank.web.pages.deeds;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.rules.Category;
import cn.moralbank.points.rules.Evidence;
import cn.moralbank.points.rules.LimitPeriod;
import cn.moralbank.points.rules.Rule;
import cn.moralbank.points.rules.RuleDraft;
import cn.moralbank.points.rules.RuleId;
import cn.moralbank.points.rules.RulesCatalog;
import cn.moralbank.points.rules.VillageRule;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules catalog (积分细则) on screen. The county office lists, adds and versions the county's rules; a village
 * administrator sees the village's view of them, switches county rules off for the village and adds local rules
 * within the county's limits; everyone else of the county reads.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/rules")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "COMMITTEE_MEMBER", "GRID_WORKER", "VILLAGER"})
class RulesPages {
    static final String LIST = "rules/list";
    static final String DETAIL = "rules/detail";

    private final RulesCatalog catalog;
    private final Regions regions;
    private final VillagePick villages;
    private final Refusals refusals;
    private final Clock clock;

    RulesPages(RulesCatalog catalog, Regions regions, VillagePick villages, Refusals refusals, Clock clock) {
        this.catalog = catalog;
        this.regions = regions;
        this.villages = villages;
        this.refusals = refusals;
        this.clock = clock;
    }

    @Get
    ModelAndView<Map<String, Object>> list(Authentication auth, @Nullable @QueryValue String saved) {
        Map<String, Object> model = listModel(ActorClaims.of(auth), Map.of());
        model.put("saved", saved);
        return new ModelAndView<>(LIST, model);
    }

    /** A county rule from the county office, a local rule from a village administrator. */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"COUNTY_OFFICE", "VILLAGE_ADMIN"})
    HttpResponse<?> add(HttpRequest<?> request, Authentication auth, @Body Map<String, Object> form) {
        Actor actor = ActorClaims.of(auth);
        return refusals.formOr(request, () -> {
            RuleDraft draft = draft(form);
            LocalDate from = ReviewPages.date(form.get("validFrom"));
            Rule rule = actor.role() == Role.COUNTY_OFFICE
                    ? catalog.addCountyRule(actor, county(actor).id(), draft, from)
                    : catalog.addLocalRule(actor, villages.require(actor, null).id(), draft, from);
            return HttpResponse.seeOther(URI.create("/rules?saved=" + rule.code() + "#rule-" + rule.id()));
        }, LIST, () -> listModel(actor, strings(form)));
    }

    @Get("/{id}")
    ModelAndView<Map<String, Object>> detail(Authentication auth, long id, @Nullable @QueryValue String saved) {
        Map<String, Object> model = detailModel(ActorClaims.of(auth), new RuleId(id), null);
        model.put("saved", saved);
        return new ModelAndView<>(DETAIL, model);
    }

    /** The next version, in force from a day after today. */
    @Post(value = "/{id}/versions", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"COUNTY_OFFICE", "VILLAGE_ADMIN"})
    HttpResponse<?> newVersion(HttpRequest<?> request, Authentication auth, long id, @Body Map<String, Object> form) {
        Actor actor = ActorClaims.of(auth);
        RuleId rule = new RuleId(id);
        return refusals.formOr(request, () -> {
            Rule next = catalog.change(actor, rule, draft(form), ReviewPages.date(form.get("validFrom")));
            return HttpResponse.seeOther(URI.create("/rules/" + id + "?saved=v" + next.version()));
        }, DETAIL, () -> detailModel(actor, rule, strings(form)));
    }

    @Post(value = "/{id}/retire", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"COUNTY_OFFICE", "VILLAGE_ADMIN"})
    HttpResponse<?> retire(HttpRequest<?> request, Authentication auth, long id, @Body Map<String, Object> form) {
        Actor actor = ActorClaims.of(auth);
        RuleId rule = new RuleId(id);
        return refusals.formOr(request, () -> {
            Rule last = catalog.retire(actor, rule, ReviewPages.date(form.get("validFrom")));
            return HttpResponse.seeOther(URI.create("/rules/" + id + "?saved=v" + last.version()));
        }, DETAIL, () -> detailModel(actor, rule, null));
    }

    /** Switches a county rule off for the administrator's village, or back on. */
    @Post(value = "/{id}/switch", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<?> switchRule(HttpRequest<?> request, Authentication auth, long id, @Body Map<String, Object> form) {
        Actor actor = ActorClaims.of(auth);
        Region village = villages.require(actor, null);
        return refusals.formOr(request, () -> {
            if ("off".equals(ReviewPages.text(form.get("to")))) {
                catalog.switchOff(actor, village.id(), new RuleId(id), ReviewPages.text(form.get("reason")));
            } else {
                catalog.switchOn(actor, village.id(), new RuleId(id));
            }
            return HttpResponse.seeOther(URI.create("/rules#rule-" + id));
        }, LIST, () -> listModel(actor, Map.of()));
    }

    private Map<String, Object> listModel(Actor actor, Map<String, String> typed) {
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> model = base(typed);
        Region village = villages.home(actor);
        if (village == null) {
            Region county = county(actor);
            model.put("county", county);
            model.put("rules", catalog.countyRules(actor, county.id(), today).stream()
                    .map(r -> new VillageRule(r, false)).toList());
            model.put("canAdd", actor.role() == Role.COUNTY_OFFICE);
        } else {
            model.put("village", village);
            model.put("county", villages.countyOf(village));
            model.put("rules", catalog.villageRules(actor, village.id(), today));
            model.put("canSwitch", actor.role() == Role.VILLAGE_ADMIN);
            model.put("canAdd", actor.role() == Role.VILLAGE_ADMIN);
            model.put("localLimits", catalog.localLimits(villages.countyOf(village).id()));
        }
        model.put("today", today);
        return model;
    }

    private Map<String, Object> detailModel(Actor actor, RuleId id, @Nullable Map<String, String> typed) {
        List<Rule> history = catalog.history(actor, id);
        Rule latest = history.get(history.size() - 1);
        Map<String, Object> model = base(typed == null ? prefilled(latest) : typed);
        model.put("history", history);
        model.put("latest", latest);
        boolean editor = latest.local() ? actor.role() == Role.VILLAGE_ADMIN : actor.role() == Role.COUNTY_OFFICE;
        model.put("canEdit", editor && latest.active());
        model.put("tomorrow", LocalDate.now(clock).plusDays(1));
        return model;
    }

    private static Map<String, Object> base(Map<String, String> typed) {
        Map<String, Object> model = new HashMap<>();
        model.put("categories", Category.values());
        model.put("evidences", Evidence.values());
        model.put("periods", LimitPeriod.values());
        model.put("form", typed);
        return model;
    }

    /** The new-version form starts from the latest version: an office changes one thing, not retypes all. */
    private static Map<String, String> prefilled(Rule r) {
        Map<String, String> form = new HashMap<>();
        form.put("name", r.name());
        form.put("category", r.category().name());
        form.put("points", String.valueOf(r.points()));
        form.put("minPoints", String.valueOf(r.minPoints()));
        form.put("maxPoints", String.valueOf(r.maxPoints()));
        form.put("evidence", r.evidence().name());
        form.put("limitCount", r.limitCount() == null ? "" : String.valueOf(r.limitCount()));
        form.put("limitPeriod", r.limitPeriod() == null ? "" : r.limitPeriod().name());
        form.put("description", r.description());
        return form;
    }

    private Region county(Actor actor) {
        return villages.countyOf(regions.byPath(actor.regionPath()));
    }

    /** A rule as typed into the form; an empty range means the committee cannot change the points. */
    static RuleDraft draft(Map<String, Object> form) {
        long points = ReviewPages.number(form.get("points"));
        String min = ReviewPages.text(form.get("minPoints"));
        String max = ReviewPages.text(form.get("maxPoints"));
        String count = ReviewPages.text(form.get("limitCount"));
        String period = ReviewPages.text(form.get("limitPeriod"));
        return new RuleDraft(ReviewPages.text(form.get("code")), ReviewPages.text(form.get("name")),
                constant(Category.class, form.get("category"), "rules.category.missing"), points,
                min == null ? points : ReviewPages.number(min), max == null ? points : ReviewPages.number(max),
                constant(Evidence.class, form.get("evidence"), "rules.evidence.missing"),
                count == null ? null : (int) ReviewPages.number(count),
                period == null ? null : constant(LimitPeriod.class, period, "rules.limit.invalid"),
                ReviewPages.text(form.get("description")));
    }

    private static <E extends Enum<E>> @Nullable E constant(Class<E> type, @Nullable Object field, String code) {
        String name = ReviewPages.text(field);
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new BadInput(code);
        }
    }

    private static Map<String, String> strings(Map<String, Object> form) {
        Map<String, String> typed = new HashMap<>();
        form.forEach((k, v) -> typed.put(k, String.valueOf(ReviewPages.text(v) == null ? "" : ReviewPages.text(v))));
        return typed;
    }
}
