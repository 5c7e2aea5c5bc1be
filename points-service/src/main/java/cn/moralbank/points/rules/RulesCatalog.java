package cn.moralbank.points.rules;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.common.SaneDate;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.ledger.api.Points;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rules catalog (积分细则): the county's rules, each village's switched-off county rules and local rules, and the
 * version of a rule that judges a deed. The county office writes county rules and the limits of local rules; a
 * village administrator switches county rules off for the village and writes local rules within those limits.
 * Everyone of a region reads its rules.
 */
@Singleton
public class RulesCatalog {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9-]{1,32}");
    private static final Comparator<Rule> ORDER = Comparator.comparing(Rule::category).thenComparing(Rule::code);

    private final RuleTables.Items items;
    private final RuleTables.Versions versions;
    private final RuleTables.SwitchOffs switchOffs;
    private final RuleTables.LimitsRepository limits;
    private final Regions regions;
    private final Clock clock;

    RulesCatalog(RuleTables.Items items, RuleTables.Versions versions, RuleTables.SwitchOffs switchOffs,
                 RuleTables.LimitsRepository limits, Regions regions, Clock clock) {
        this.items = items;
        this.versions = versions;
        this.switchOffs = switchOffs;
        this.limits = limits;
        this.regions = regions;
        this.clock = clock;
    }

    /** The county's rules in force on a date, retired ones left out. */
    public List<Rule> countyRules(Actor actor, long countyId, LocalDate on) {
        Region county = region(countyId, RegionLevel.COUNTY);
        requireReader(actor, county);
        return versions.countyInForce(countyId, on).stream().filter(RuleTables.Version::active)
                .map(RuleTables.Version::rule).sorted(ORDER).toList();
    }

    /** The rules a village uses on a date: the county's (marked when switched off) and its own local rules. */
    public List<VillageRule> villageRules(Actor actor, long villageId, LocalDate on) {
        Region village = region(villageId, RegionLevel.VILLAGE);
        requireReader(actor, village);
        Set<Long> off = switchOffs.findByVillageId(villageId).stream().map(RuleTables.SwitchOff::ruleId)
                .collect(Collectors.toSet());
        Stream<VillageRule> county = versions.countyInForce(countyOf(village).id(), on).stream()
                .filter(RuleTables.Version::active).map(v -> new VillageRule(v.rule(), off.contains(v.ruleId())));
        Stream<VillageRule> local = versions.localInForce(villageId, on).stream()
                .filter(RuleTables.Version::active).map(v -> new VillageRule(v.rule(), false));
        return Stream.concat(county, local).sorted(Comparator.comparing(VillageRule::rule, ORDER)).toList();
    }

    /** Every version of a rule, oldest first. */
    public List<Rule> history(Actor actor, RuleId id) {
        List<Rule> all = versions.findByRuleIdOrderByVersion(id.value()).stream().map(RuleTables.Version::rule)
                .toList();
        if (all.isEmpty()) {
            throw new NotFound("rules.not-found", id.value());
        }
        requireReader(actor, regionOf(all.get(0)));
        return all;
    }

    /** A rule version by number, as a deed records it. */
    public Rule version(RuleId id, int version) {
        return versions.findByRuleIdAndVersion(id.value(), version).map(RuleTables.Version::rule)
                .orElseThrow(() -> new NotFound("rules.not-found", id.value()));
    }

    /** A new county rule, in force from {@code validFrom} (today when null; an earlier date records existing practice). */
    @Transactional
    public Rule addCountyRule(Actor actor, long countyId, RuleDraft draft, @Nullable LocalDate validFrom) {
        Region county = region(countyId, RegionLevel.COUNTY);
        requireRole(actor, Role.COUNTY_OFFICE, county);
        validate(draft, null);
        return add(actor, countyId, null, draft, validFrom);
    }

    /** A village's own rule, within the limits its county sets. */
    @Transactional
    public Rule addLocalRule(Actor actor, long villageId, RuleDraft draft, @Nullable LocalDate validFrom) {
        Region village = region(villageId, RegionLevel.VILLAGE);
        requireRole(actor, Role.VILLAGE_ADMIN, village);
        long countyId = countyOf(village).id();
        LocalRuleLimits local = localLimits(countyId);
        validate(draft, local);
        if (items.countByVillageId(villageId) >= local.maxRules()) {
            throw new BadInput("rules.local.too-many", local.maxRules());
        }
        return add(actor, countyId, villageId, draft, validFrom);
    }

    /**
     * The next version of a rule, in force from {@code validFrom}, which must lie after today: deeds already
     * reported keep the version they were judged by, and no deed of today is judged two ways.
     */
    @Transactional
    public Rule change(Actor actor, RuleId id, RuleDraft draft, LocalDate validFrom) {
        RuleTables.Version latest = latest(id);
        requireEditor(actor, latest.rule());
        if (draft.code() != null && !draft.code().equals(latest.code())) {
            throw new BadInput("rules.code.unchangeable", latest.code());
        }
        RuleDraft same = new RuleDraft(latest.code(), draft.name(), draft.category(), draft.points(),
                draft.minPoints(), draft.maxPoints(), draft.evidence(), draft.limitCount(), draft.limitPeriod(),
                draft.description());
        validate(same, latest.villageId() == null ? null : localLimits(latest.countyId()));
        return next(actor, latest, same, validFrom, true);
    }

    /** Retires a rule from a date after today: a last version that no deed can be judged by. */
    @Transactional
    public Rule retire(Actor actor, RuleId id, LocalDate validFrom) {
        RuleTables.Version latest = latest(id);
        requireEditor(actor, latest.rule());
        if (!latest.active()) {
            throw new BadInput("rules.retired.already", latest.code());
        }
        Rule r = latest.rule();
        RuleDraft same = new RuleDraft(r.code(), r.name(), r.category(), r.points(), r.minPoints(), r.maxPoints(),
                r.evidence(), r.limitCount(), r.limitPeriod(), r.description());
        return next(actor, latest, same, validFrom, false);
    }

    /** Switches a county rule off for a village: from now on it cannot be reported there. */
    @Transactional
    public void switchOff(Actor actor, long villageId, RuleId id, @Nullable String reason) {
        Region village = region(villageId, RegionLevel.VILLAGE);
        requireRole(actor, Role.VILLAGE_ADMIN, village);
        RuleTables.Item item = item(id);
        if (item.villageId() != null || item.countyId() != countyOf(village).id()) {
            throw new BadInput("rules.switch-off.not-a-county-rule", item.code());
        }
        if (switchOffs.findByVillageIdAndRuleId(villageId, id.value()).isEmpty()) {
            String why = reason == null ? "" : reason.strip();
            if (why.length() > 200) {
                throw new BadInput("rules.reason.too-long", 200);
            }
            switchOffs.save(new RuleTables.SwitchOff(null, villageId, id.value(), why, actor.userId(),
                    clock.instant()));
        }
    }

    @Transactional
    public void switchOn(Actor actor, long villageId, RuleId id) {
        Region village = region(villageId, RegionLevel.VILLAGE);
        requireRole(actor, Role.VILLAGE_ADMIN, village);
        switchOffs.findByVillageIdAndRuleId(villageId, id.value()).ifPresent(switchOffs::delete);
    }

    public boolean switchedOff(long villageId, RuleId id) {
        return switchOffs.findByVillageIdAndRuleId(villageId, id.value()).isPresent();
    }

    /** A county's limits on local rules, for someone of that county (another county's settings are not theirs). */
    public LocalRuleLimits localLimits(Actor actor, long countyId) {
        requireReader(actor, region(countyId, RegionLevel.COUNTY));
        return localLimits(countyId);
    }

    public LocalRuleLimits localLimits(long countyId) {
        return limits.findById(countyId).map(l -> new LocalRuleLimits(l.maxPoints(), l.maxRules()))
                .orElse(LocalRuleLimits.DEFAULT);
    }

    @Transactional
    public void setLocalLimits(Actor actor, long countyId, LocalRuleLimits local) {
        Region county = region(countyId, RegionLevel.COUNTY);
        requireRole(actor, Role.COUNTY_OFFICE, county);
        if (local.maxPoints() < 0 || local.maxPoints() > Points.MAX_PER_ENTRY || local.maxRules() < 0) {
            throw new BadInput("rules.local.limits-invalid", local.maxPoints(), local.maxRules());
        }
        RuleTables.Limits row = new RuleTables.Limits(countyId, local.maxPoints(), local.maxRules());
        if (limits.existsById(countyId)) {
            limits.update(row);
        } else {
            limits.save(row);
        }
    }

    /**
     * The version of a rule that judges a deed of {@code village} done on {@code date}. Refuses a rule the village
     * does not have (another county's, another village's local rule), one it switched off, and one not in force on
     * that date.
     */
    public Rule judging(RuleId id, Region village, LocalDate date) {
        RuleTables.Item item = items.findById(id.value())
                .orElseThrow(() -> new NotFound("rules.not-found", id.value()));
        boolean ours = item.countyId() == countyOf(village).id()
                && (item.villageId() == null || item.villageId() == village.id().longValue());
        if (!ours) {
            throw new NotFound("rules.not-found", id.value());
        }
        if (switchedOff(village.id(), id)) {
            throw new BadInput("rules.switched-off", item.code());
        }
        return versions.inForce(id.value(), date).filter(RuleTables.Version::active).map(RuleTables.Version::rule)
                .orElseThrow(() -> new BadInput("rules.not-in-force", item.code(), date));
    }

    private Rule add(Actor actor, long countyId, @Nullable Long villageId, RuleDraft draft,
                     @Nullable LocalDate validFrom) {
        if (items.codeTaken(countyId, villageId, draft.code())) {
            throw new BadInput("rules.code.taken", draft.code());
        }
        RuleTables.Item item = items.save(new RuleTables.Item(null, countyId, villageId, draft.code(),
                actor.userId(), clock.instant()));
        LocalDate from = SaneDate.require(validFrom == null ? LocalDate.now(clock) : validFrom, "validFrom");
        return versions.save(row(item.id(), countyId, villageId, 1, from, draft, true, actor)).rule();
    }

    private Rule next(Actor actor, RuleTables.Version latest, RuleDraft draft, LocalDate validFrom, boolean active) {
        SaneDate.require(validFrom, "validFrom");
        if (validFrom == null || !validFrom.isAfter(LocalDate.now(clock))) {
            throw new BadInput("rules.valid-from.not-future", String.valueOf(validFrom));
        }
        if (!validFrom.isAfter(latest.validFrom())) {
            throw new BadInput("rules.valid-from.before-latest", latest.validFrom());
        }
        return versions.save(row(latest.ruleId(), latest.countyId(), latest.villageId(), latest.version() + 1,
                validFrom, draft, active, actor)).rule();
    }

    private RuleTables.Version row(long ruleId, long countyId, @Nullable Long villageId, int version, LocalDate from,
                                   RuleDraft d, boolean active, Actor actor) {
        return new RuleTables.Version(null, ruleId, countyId, villageId, d.code(), version, from, d.name().strip(),
                d.category(), d.points(), d.minPoints(), d.maxPoints(), d.evidence(), d.limitCount(), d.limitPeriod(),
                d.description() == null ? "" : d.description().strip(), active, actor.userId(), clock.instant());
    }

    /** The checks every version passes; {@code local} holds the county's limits when the rule is a village's own. */
    static void validate(RuleDraft d, @Nullable LocalRuleLimits local) {
        if (d.code() == null || !CODE.matcher(d.code()).matches()) {
            throw new BadInput("rules.code.invalid", String.valueOf(d.code()));
        }
        if (d.name() == null || d.name().isBlank() || d.name().strip().length() > 100) {
            throw new BadInput("rules.name.invalid");
        }
        if (!PlainText.name(d.name()) || !PlainText.storable(d.description())) {
            throw new BadInput("rules.text.unstorable");
        }
        if (d.category() == null) {
            throw new BadInput("rules.category.missing");
        }
        if (d.evidence() == null) {
            throw new BadInput("rules.evidence.missing");
        }
        if (d.points() == 0) {
            throw new BadInput("rules.points.zero");
        }
        // no Math.abs: the absolute value of Long.MIN_VALUE is itself, negative, and passed this check once
        boolean bounded = d.minPoints() >= -Points.MAX_PER_ENTRY && d.maxPoints() <= Points.MAX_PER_ENTRY
                && d.points() >= -Points.MAX_PER_ENTRY && d.points() <= Points.MAX_PER_ENTRY;
        long largest = bounded ? Math.max(Math.abs(d.minPoints()), Math.abs(d.maxPoints())) : Long.MAX_VALUE;
        if (!bounded) {
            throw new BadInput("rules.points.too-large", Points.MAX_PER_ENTRY);
        }
        boolean sameSign = d.points() > 0 ? d.minPoints() > 0 : d.maxPoints() < 0;
        if (d.minPoints() > d.points() || d.points() > d.maxPoints() || !sameSign) {
            throw new BadInput("rules.range.invalid", d.minPoints(), d.points(), d.maxPoints());
        }
        if ((d.limitCount() == null) != (d.limitPeriod() == null)
                || (d.limitCount() != null && d.limitCount() < 1)) {
            throw new BadInput("rules.limit.invalid");
        }
        if (d.description() != null && d.description().strip().length() > 500) {
            throw new BadInput("rules.description.too-long", 500);
        }
        if (local != null && largest > local.maxPoints()) {
            throw new BadInput("rules.local.points-over-limit", local.maxPoints());
        }
    }

    private RuleTables.Version latest(RuleId id) {
        return versions.latest(id.value()).orElseThrow(() -> new NotFound("rules.not-found", id.value()));
    }

    private RuleTables.Item item(RuleId id) {
        return items.findById(id.value()).orElseThrow(() -> new NotFound("rules.not-found", id.value()));
    }

    private Region region(long id, RegionLevel level) {
        Region region = regions.get(id);
        if (region.level() != level) {
            throw new BadInput("rules.region.wrong-level", region.code(), level.name());
        }
        return region;
    }

    private Region countyOf(Region region) {
        return regions.countyOf(region.path());
    }

    private Region regionOf(Rule rule) {
        return regions.get(rule.local() ? rule.villageId() : rule.countyId());
    }

    /** County rules are written by the county office, local rules by their village's administrator. */
    private void requireEditor(Actor actor, Rule rule) {
        if (rule.local()) {
            requireRole(actor, Role.VILLAGE_ADMIN, regions.get(rule.villageId()));
        } else {
            requireRole(actor, Role.COUNTY_OFFICE, regions.get(rule.countyId()));
        }
    }

    private static void requireRole(Actor actor, Role role, Region region) {
        if (actor.role() != role || !actor.covers(region.path())) {
            throw new AccessDenied("rules of " + region.code());
        }
    }

    /** Offices above a region read its rules, and so does everyone inside it (a villager, a grid worker). */
    private static void requireReader(Actor actor, Region region) {
        if (!actor.covers(region.path()) && !actor.regionPath().startsWith(region.path())) {
            throw new AccessDenied("rules of " + region.code());
        }
    }
}
