package cn.moralbank.points.deed;

import cn.moralbank.points.common.Commands;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.PhotoId;
import cn.moralbank.points.deed.api.ReportDeedCommand;
import cn.moralbank.points.deed.api.RuleTerms;
import cn.moralbank.points.deed.api.WithdrawDeedCommand;
import cn.moralbank.points.household.CarriedPassbooks;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.rules.Rule;
import cn.moralbank.points.rules.RulesCatalog;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.List;

/**
 * Reporting deeds and bad behaviour. Every check happens before anything is recorded, and each refusal names its
 * reason: the reporter's scope, the household's state, the date, the rule (known, switched on, in force on that
 * date), the evidence, and the rule's limit for the period.
 */
@Singleton
public class DeedReports {
    private final VillageScope scope;
    private final RulesCatalog catalog;
    private final DeedPhotos photos;
    private final DeedLimitLookup limits;
    private final DeedViewRepositories.Deeds views;
    private final Commands commands;
    private final Clock clock;
    private final CarriedPassbooks passbooks;

    DeedReports(VillageScope scope, RulesCatalog catalog, DeedPhotos photos, DeedLimitLookup limits,
                DeedViewRepositories.Deeds views, Commands commands, Clock clock, CarriedPassbooks passbooks) {
        this.passbooks = passbooks;
        this.scope = scope;
        this.catalog = catalog;
        this.photos = photos;
        this.limits = limits;
        this.views = views;
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * Reports a deed: a grid worker for a household of their grid, the administrator for one of the village, a
     * villager for their own (a self-report). The deed then waits for the village's next review session.
     */
    @Transactional
    public DeedId report(Actor actor, DeedReport report) {
        Household household = scope.reportable(actor, report.householdId());
        Region village = scope.villageOf(household);
        LocalDate date = requireDate(report.deedDate(), household);
        Rule rule = catalog.judging(report.ruleId(), village, date);
        List<PhotoId> attached = photos.attachable(household, report.photos());
        if (rule.limited()) {
            limits.lock(household.id(), rule);
            LocalDate from = rule.limitPeriod().firstDay(date);
            LocalDate to = rule.limitPeriod().lastDay(date);
            if (limits.used(household.id(), rule, from, to) >= rule.limitCount()) {
                throw new BadInput("deed.limit.reached", rule.code(), rule.limitCount(), rule.limitPeriod().name(),
                        from, to);
            }
        }
        DeedId id = DeedId.newId();
        commands.send(actor, new ReportDeedCommand(id, household.householdId(), household.headName(), village.id(),
                village.path(), terms(rule), date, report.description(), attached, report.witness(), actor.userId(),
                actor.role(), clock.instant()));
        return id;
    }

    /** Takes a report back before any vote on it: its reporter, or the village's administrator. */
    public void withdraw(Actor actor, DeedId id, @Nullable String reason) {
        DeedView deed = views.findById(id.value()).orElseThrow(() -> new NotFound("deed.not-found", id.value()));
        boolean reporter = deed.reportedBy().equals(actor.userId());
        boolean administrator = actor.role() == Role.VILLAGE_ADMIN && actor.covers(deed.villagePath());
        if (!reporter && !administrator) {
            throw new AccessDenied("deed " + id.value());
        }
        commands.send(actor, new WithdrawDeedCommand(id, actor.userId(), reason, clock.instant()));
    }

    private LocalDate requireDate(LocalDate date, Household household) {
        if (date == null) {
            throw new BadInput("deed.date.missing");
        }
        LocalDate today = LocalDate.now(clock);
        if (date.isAfter(today)) {
            throw new BadInput("deed.date.future", date);
        }
        // a household that carried a paper passbook over may have deeds from after its balance was read, whenever
        // it was registered (go-live: households imported today with their passbooks of last month)
        Optional<LocalDate> carried = passbooks.openingAsOf(household.householdId());
        if (carried.isPresent()) {
            if (!date.isAfter(carried.get())) {
                throw new BadInput("deed.date.in-opening-balance", date, carried.get());
            }
            return date;
        }
        LocalDate registered = household.createdAt().atZone(clock.getZone()).toLocalDate();
        if (date.isBefore(registered)) {
            throw new BadInput("deed.date.before-household", date, registered);
        }
        return date;
    }

    static RuleTerms terms(Rule rule) {
        return new RuleTerms(rule.id(), rule.version(), rule.code(), rule.name(), rule.category(), rule.points(),
                rule.minPoints(), rule.maxPoints(), rule.evidence());
    }
}
