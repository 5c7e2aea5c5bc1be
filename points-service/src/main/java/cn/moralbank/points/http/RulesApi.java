package cn.moralbank.points.http;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.rules.Category;
import cn.moralbank.points.rules.Evidence;
import cn.moralbank.points.rules.LimitPeriod;
import cn.moralbank.points.rules.LocalRuleLimits;
import cn.moralbank.points.rules.Rule;
import cn.moralbank.points.rules.RuleDraft;
import cn.moralbank.points.rules.RuleId;
import cn.moralbank.points.rules.RulesCatalog;
import cn.moralbank.points.rules.VillageRule;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.*;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The rules catalog (积分细则): the county's rules and their versions (written by the county office), a village's
 * view of them with its switched-off rules and local rules (written by its administrator). Who may read or write
 * which rules is decided by the catalog from the caller's scope; the roles here only keep obvious strangers out.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class RulesApi {
    private final RulesCatalog catalog;
    private final Clock clock;

    RulesApi(RulesCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The county's rules in force on a date (today by default). */
    @Get("/counties/{countyId}/rules")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    List<Rule> countyRules(Authentication auth, @Positive long countyId, @Nullable @QueryValue LocalDate on) {
        return catalog.countyRules(ActorClaims.of(auth), countyId, on == null ? LocalDate.now(clock) : on);
    }

    /** What a village reports against: the county's rules (marked when switched off) and its own. */
    @Get("/villages/{villageId}/rules")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    List<VillageRule> villageRules(Authentication auth, @Positive long villageId, @Nullable @QueryValue LocalDate on) {
        return catalog.villageRules(ActorClaims.of(auth), villageId, on == null ? LocalDate.now(clock) : on);
    }

    /** Every version of a rule, oldest first. */
    @Get("/rules/{id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    List<Rule> history(Authentication auth, @Positive long id) {
        return catalog.history(ActorClaims.of(auth), new RuleId(id));
    }

    @Post("/counties/{countyId}/rules")
    @Secured({"COUNTY_OFFICE"})
    HttpResponse<Rule> addCountyRule(Authentication auth, @Positive long countyId, @Body @Valid RuleForm form) {
        return created(catalog.addCountyRule(ActorClaims.of(auth), countyId, form.draft(), form.validFrom()));
    }

    @Post("/villages/{villageId}/rules")
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<Rule> addLocalRule(Authentication auth, @Positive long villageId, @Body @Valid RuleForm form) {
        return created(catalog.addLocalRule(ActorClaims.of(auth), villageId, form.draft(), form.validFrom()));
    }

    /** The next version of a rule; deeds already reported keep the version they were judged by. */
    @Post("/rules/{id}/versions")
    @Secured({"COUNTY_OFFICE", "VILLAGE_ADMIN"})
    HttpResponse<Rule> newVersion(Authentication auth, @Positive long id, @Body @Valid RuleForm form) {
        return created(catalog.change(ActorClaims.of(auth), new RuleId(id), form.draft(), form.validFrom()));
    }

    /** Retires a rule from a day after today. */
    @Post("/rules/{id}/retirement")
    @Secured({"COUNTY_OFFICE", "VILLAGE_ADMIN"})
    HttpResponse<Rule> retire(Authentication auth, @Positive long id, @Body @Valid Retirement retirement) {
        return created(catalog.retire(ActorClaims.of(auth), new RuleId(id), retirement.validFrom()));
    }

    /** Switches a county rule off for the village: it can no longer be reported there. */
    @Put("/villages/{villageId}/rules/{ruleId}/switched-off")
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<?> switchOff(Authentication auth, @Positive long villageId, @Positive long ruleId,
                              @Body @Valid SwitchOff form) {
        catalog.switchOff(ActorClaims.of(auth), villageId, new RuleId(ruleId), form.reason());
        return HttpResponse.noContent();
    }

    @Delete("/villages/{villageId}/rules/{ruleId}/switched-off")
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<?> switchOn(Authentication auth, @Positive long villageId, @Positive long ruleId) {
        catalog.switchOn(ActorClaims.of(auth), villageId, new RuleId(ruleId));
        return HttpResponse.noContent();
    }

    @Get("/counties/{countyId}/local-rule-limits")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    LocalRuleLimits localLimits(Authentication auth, @Positive long countyId) {
        return catalog.localLimits(ActorClaims.of(auth), countyId);
    }

    @Put("/counties/{countyId}/local-rule-limits")
    @Secured({"COUNTY_OFFICE"})
    HttpResponse<?> setLocalLimits(Authentication auth, @Positive long countyId,
                                   @Body @Valid LocalRuleLimits limits) {
        catalog.setLocalLimits(ActorClaims.of(auth), countyId, limits);
        return HttpResponse.noContent();
    }

    private static HttpResponse<Rule> created(Rule rule) {
        return HttpResponse.created(rule, URI.create("/api/rules/" + rule.id().value()));
    }

    /**
     * A rule as a client writes it. Without minPoints / maxPoints the committee cannot change its points; the code
     * of a new version may be left out (it cannot change). The catalog checks the rest and names what is wrong.
     */
    @Serdeable
    record RuleForm(@Nullable @Size(max = 32) String code, @NotNull @Size(max = 100) String name,
                    @NotNull Category category, long points, @Nullable Long minPoints, @Nullable Long maxPoints,
                    @NotNull Evidence evidence, @Nullable Integer limitCount, @Nullable LimitPeriod limitPeriod,
                    @Nullable @Size(max = 500) String description, @Nullable LocalDate validFrom) {
        RuleDraft draft() {
            return new RuleDraft(code, name, category, points, minPoints == null ? points : minPoints,
                    maxPoints == null ? points : maxPoints, evidence, limitCount, limitPeriod, description);
        }
    }

    @Serdeable
    record Retirement(@NotNull LocalDate validFrom) {
    }

    @Serdeable
    record SwitchOff(@Nullable @Size(max = 200) String reason) {
    }
}
