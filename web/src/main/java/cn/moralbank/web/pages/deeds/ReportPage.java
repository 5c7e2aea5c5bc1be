package cn.moralbank.web.pages.deeds;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.SaneDate;
import cn.moralbank.points.common.WholeNumber;
import cn.moralbank.points.deed.DeedQueries;
import cn.moralbank.points.deed.DeedReport;
import cn.moralbank.points.deed.DeedView;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdStatus;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.MalformedId;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.rules.Rule;
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
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reporting a deed on a phone: a grid worker for a household of the grid, the administrator for one of the village,
 * a villager for their own household (a self-report). Household, rule, date, what happened, and a photo straight
 * from the camera. A refused report comes back with the reason and everything typed still there.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/deeds")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"GRID_WORKER", "VILLAGE_ADMIN", "VILLAGER"})
class ReportPage {
    static final String VIEW = "deeds/report";

    private final Households households;
    private final RulesCatalog catalog;
    private final DeedQueries queries;
    private final PageReporting reporting;
    private final VillagePick villages;
    private final Refusals refusals;
    private final Times times;
    private final Clock clock;

    ReportPage(Households households, RulesCatalog catalog, DeedQueries queries, PageReporting reporting,
               VillagePick villages, Refusals refusals, Times times, Clock clock) {
        this.households = households;
        this.catalog = catalog;
        this.queries = queries;
        this.reporting = reporting;
        this.villages = villages;
        this.refusals = refusals;
        this.times = times;
        this.clock = clock;
    }

    @Get("/report")
    ModelAndView<Map<String, Object>> form(Authentication auth, @Nullable @QueryValue String reported) {
        Actor actor = ActorClaims.of(auth);
        Map<String, Object> model = model(actor, Map.of());
        if (reported != null) {
            model.put("reported", find(actor, reported).orElse(null));
            model.put("reportedId", reported);
        }
        return new ModelAndView<>(VIEW, model);
    }

    @Post(value = "/report", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<?> report(HttpRequest<?> request, Authentication auth,
                           @Nullable @Part("householdId") String householdId,
                           @Nullable @Part("ruleId") String ruleId,
                           @Nullable @Part("deedDate") String deedDate,
                           @Nullable @Part("description") String description,
                           @Nullable @Part("witness") String witness,
                           @Nullable @Part("photo") byte[] photo) {
        Actor actor = ActorClaims.of(auth);
        Map<String, String> typed = new HashMap<>();
        typed.put("householdId", householdId == null ? "" : householdId);
        typed.put("ruleId", ruleId == null ? "" : ruleId);
        typed.put("deedDate", deedDate == null ? "" : deedDate);
        typed.put("description", description == null ? "" : description);
        typed.put("witness", witness == null ? "" : witness);
        return refusals.formOr(request, () -> {
            String household = actor.role() == Role.VILLAGER ? actor.householdId() : householdId;
            DeedReport report = new DeedReport(householdOf(household), ruleOf(ruleId), dateOf(deedDate),
                    description, null, witness);
            DeedId id = reporting.report(actor, report, bytesOf(photo));
            String next = actor.role() == Role.VILLAGER ? "/deeds/mine?reported=" : "/deeds/report?reported=";
            return HttpResponse.seeOther(URI.create(next + id.value()));
        }, VIEW, () -> model(actor, typed));
    }

    private Map<String, Object> model(Actor actor, Map<String, String> typed) {
        Region village = villages.require(actor, null);
        LocalDate today = LocalDate.now(clock);
        List<Rule> rules = catalog.villageRules(actor, village.id(), today).stream()
                .filter(r -> !r.switchedOff()).map(VillageRule::rule).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("village", village);
        model.put("today", today);
        model.put("times", times);
        model.put("goodRules", rules.stream().filter(r -> !r.penalty()).toList());
        model.put("badRules", rules.stream().filter(Rule::penalty).toList());
        model.put("form", typed);
        if (actor.role() == Role.VILLAGER) {
            model.put("ownHousehold", households.visible(actor, new HouseholdId(actor.householdId())));
            model.put("households", List.of());
            model.put("myReports", List.of());
        } else {
            model.put("households", households.allVisible(actor).stream()
                    .filter(h -> h.status() == HouseholdStatus.ACTIVE)
                    .sorted(Comparator.comparing(Household::cardNumber)).toList());
            model.put("myReports", queries.reportedBy(actor).stream().limit(10).toList());
        }
        return model;
    }

    private Optional<DeedView> find(Actor actor, String id) {
        try {
            return Optional.of(queries.deed(actor, new DeedId(id)));
        } catch (NotFound | MalformedId e) {
            return Optional.empty();
        }
    }

    private static HouseholdId householdOf(@Nullable String id) {
        if (id == null || id.isBlank()) {
            throw new BadInput("deed.form.household-missing");
        }
        return new HouseholdId(id);
    }

    private static RuleId ruleOf(@Nullable String id) {
        try {
            return new RuleId(WholeNumber.parse(id));
        } catch (IllegalArgumentException e) {
            throw new BadInput("deed.form.rule-missing");
        }
    }

    private static @Nullable LocalDate dateOf(@Nullable String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return SaneDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new BadInput("deed.date.missing");
        }
    }

    /** A form sent without a photo still carries an empty part: that is no photo, not an empty one. */
    private static @Nullable byte[] bytesOf(@Nullable byte[] photo) {
        return photo == null || photo.length == 0 ? null : photo;
    }
}
