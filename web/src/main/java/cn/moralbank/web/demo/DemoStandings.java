package cn.moralbank.web.demo;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.deed.ObjectionPeriodProcess;
import cn.moralbank.points.deed.api.*;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdRepository;
import cn.moralbank.points.people.Person;
import cn.moralbank.points.people.PersonRepository;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.rating.RatingSettings;
import cn.moralbank.points.rating.api.GiveTownshipScoreCommand;
import cn.moralbank.points.rating.api.HouseholdCriteria;
import cn.moralbank.points.rating.api.OpenWorkerRoundCommand;
import cn.moralbank.points.rating.api.PublishRoundCommand;
import cn.moralbank.points.rating.api.RatingRoundId;
import cn.moralbank.points.rating.api.RoundKind;
import cn.moralbank.points.rating.api.WorkerCriteria;
import cn.moralbank.points.rating.api.WorkerFacts;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.rules.Category;
import cn.moralbank.points.rules.Evidence;
import cn.moralbank.points.rules.LimitPeriod;
import cn.moralbank.points.rules.Rule;
import cn.moralbank.points.rules.RuleDraft;
import cn.moralbank.points.rules.RulesCatalog;
import cn.moralbank.points.common.Commands;
import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Half a year of deeds in the five villages besides 河东村 (whose deeds DemoDeeds tells), so that the dashboards,
 * rankings and ratings have something true to show on first start: 乐国窝铺村 takes part well (green this quarter),
 * 小北沟村 halfway (yellow), 勒营村, 波西村 and 达四沟村 lag (red); one of 波西村's reports is objected to and
 * rejected, a few households are penalised. Last quarter's grid worker round is opened, scored by the townships and
 * published, so the stars and a certificate can be shown at once; this quarter's is left to the office to open.
 *
 * <p>Everything goes through the aggregates' own commands with the times the events would have had. The events'
 * timestamps are set to those times too (Axon stamps an event with {@link GenericEventMessage#clock}): a ledger entry
 * counts in the month of its timestamp, and a demo whose half year of credits all landed on the day it was loaded
 * would draw a chart of one bar. The clock is put back after every command; nothing else sends commands while the
 * demo loads. Runs after the deeds demo's rules and adds a rule only when its code is missing.
 */
final class DemoStandings {
    private static final String COUNTY_CODE = "130826";
    private static final String SKIPPED_VILLAGE = "河东村";
    private static final List<String> COMMITTEE_SUFFIXES = List.of(".c1", ".c2", ".c3", ".c4", ".c5");
    private static final ZoneId VILLAGES = ZoneId.of("Asia/Shanghai");

    /** Village: share of households with a confirmed good deed last quarter, this quarter; days from deed to report. */
    private static final Map<String, double[]> VILLAGE_PLANS = new LinkedHashMap<>();

    static {
        VILLAGE_PLANS.put("乐国窝铺村", new double[]{0.55, 0.64, 1});
        VILLAGE_PLANS.put("小北沟村", new double[]{0.35, 0.40, 2});
        VILLAGE_PLANS.put("勒营村", new double[]{0.30, 0.20, 4});
        VILLAGE_PLANS.put("波西村", new double[]{0.15, 0.10, 6});
        VILLAGE_PLANS.put("达四沟村", new double[]{0.10, 0.0, 9});
    }

    private static final String[][] GOOD = {
            {"SOC-01", "帮邻居抢收玉米，连续两天没要工钱"}, {"SOC-01", "冒雨把突发疾病的老人送到镇卫生院"},
            {"SOC-01", "帮村里五保户修缮漏雨的房顶"}, {"ECO-01", "参加全村清理河道垃圾"},
            {"ECO-01", "主动清扫村道积雪，方便孩子上学"}, {"POL-02", "参加村民代表会议，提出硬化村道的建议"},
            {"MAT-02", "参加县里组织的剪纸技能培训并结业"}, {"MAT-02", "参加乡村旅游服务培训，开起农家院"},
            {"SPI-02", "调解两户邻居的宅基地纠纷"}, {"SPI-01", "常年照顾瘫痪在床的婆婆，端水喂饭"}};

    private final Commands commands;
    private final ObjectionPeriodProcess objectionPeriod;
    private final RulesCatalog catalog;
    private final Regions regions;
    private final HouseholdRepository households;
    private final PersonRepository persons;
    private final RatingSettings settings;
    private final Clock clock;
    private final Random random = new Random(1126);
    private final List<Reported> reported = new ArrayList<>();
    private Map<String, Rule> rules;

    DemoStandings(Commands commands, ObjectionPeriodProcess objectionPeriod, RulesCatalog catalog, Regions regions,
                  HouseholdRepository households, PersonRepository persons, RatingSettings settings, Clock clock) {
        this.commands = commands;
        this.objectionPeriod = objectionPeriod;
        this.catalog = catalog;
        this.regions = regions;
        this.households = households;
        this.persons = persons;
        this.settings = settings;
        this.clock = clock;
    }

    /** Loads the deeds and last quarter's published round; answers how many deeds it reported. */
    int load() {
        Region county = regions.byCode(COUNTY_CODE);
        Actor office = new Actor("wenmingban", Role.COUNTY_OFFICE, county.path(), null, null);
        LocalDate today = LocalDate.now(clock);
        rules = rules(office, county, today.minusYears(1));
        // the demo's households have half a year of deeds, not a whole one: a star for five points of a civilisation
        settings.saveHouseholds(office, new HouseholdCriteria(5, 1, 20, 0, 0));
        Period thisQuarter = Period.of(PeriodKind.QUARTER, today);
        Period lastQuarter = thisQuarter.previous();
        for (Region village : regions.within(office, RegionLevel.VILLAGE)) {
            double[] plan = VILLAGE_PLANS.get(village.name());
            int delay = plan == null ? 2 : (int) plan[2];
            // the year before last quarter, back to the households' first months: a few deeds in every village, so
            // the twelve-month chart has twelve bars (河东村's recent weeks are DemoDeeds')
            Period older = lastQuarter.previous();
            for (int q = 0; q < 3; q++, older = older.previous()) {
                village(village, older, q == 0 ? 0.10 : 0.07, delay, today);
            }
            if (plan == null || village.name().equals(SKIPPED_VILLAGE)) {
                continue;
            }
            village(village, lastQuarter, plan[0], (int) plan[2], today);
            village(village, thisQuarter, plan[1], (int) plan[2], today);
        }
        publishRound(county, office, lastQuarter, today);
        return reported.size();
    }

    /** One village's deeds in one quarter: a share of its households with a good deed, reported a few days late. */
    private void village(Region village, Period quarter, double share, int delay, LocalDate today) {
        String key = usernamePrefix(village);
        Actor admin = new Actor(key + ".admin", Role.VILLAGE_ADMIN, village.path(), null, null);
        List<Household> all = households.findAllUnder(village.path());
        List<Household> taking = new ArrayList<>(all);
        Collections.shuffle(taking, random);
        int count = (int) Math.round(share * all.size());
        LocalDate last = quarter.end().minusDays(1).isAfter(today.minusDays(14)) ? today.minusDays(14)
                : quarter.end().minusDays(1);
        // no deed before the households' first days on the register (they were registered a year ago)
        LocalDate first = quarter.start().isBefore(today.minusDays(350)) ? today.minusDays(350) : quarter.start();
        if (!last.isAfter(first)) {
            return;
        }
        long days = Math.max(1, last.toEpochDay() - first.toEpochDay());
        for (int i = 0; i < count; i++) {
            Household household = taking.get(i);
            String[] deed = GOOD[random.nextInt(GOOD.length)];
            LocalDate date = first.plusDays(random.nextInt((int) days));
            Actor reporter = i % 5 == 4 ? admin : worker(household);
            boolean objected = village.name().equals("波西村") && i == 0;
            deed(village, household, reporter, deed[0], deed[1], date, delay, objected, today);
        }
        if (share > 0.05 && all.size() > 10) {
            Household bad = taking.get(all.size() - 1);
            LocalDate date = first.plusDays(random.nextInt((int) days));
            deed(village, bad, admin, random.nextBoolean() ? "SOC-91" : "ECO-90",
                    "经村民反映并核实", date, delay, false, today);
        }
    }

    private void deed(Region village, Household household, Actor reporter, String code, String description,
                      LocalDate date, int delay, boolean objected, LocalDate today) {
        Rule rule = rules.get(code);
        if (rule == null) {
            return;
        }
        DeedId id = DeedId.newId();
        Instant reportedAt = morning(date.plusDays(delay));
        RuleTerms terms = new RuleTerms(rule.id(), rule.version(), rule.code(), rule.name(), rule.category(),
                rule.points(), rule.minPoints(), rule.maxPoints(), rule.evidence());
        String witness = rule.evidence() == Evidence.WITNESS ? "村医 刘春生" : null;
        at(reportedAt, () -> commands.send(reporter, new ReportDeedCommand(id, household.householdId(),
                household.headName(), village.id(), village.path(), terms, date, description, List.of(), witness,
                reporter.userId(), reporter.role(), reportedAt)));
        Instant reviewedAt = morning(date.plusDays(delay + 3L));
        if (reviewedAt.isAfter(clock.instant())) {
            reported.add(new Reported(reporter.userId(), household, date, date.plusDays(delay), null, false));
            return;
        }
        String key = usernamePrefix(village);
        review(key, id, reviewedAt, VoteChoice.APPROVE);
        Instant confirmedAt = reviewedAt.plus(Duration.ofDays(8));
        if (objected) {
            Instant lodged = reviewedAt.plus(Duration.ofDays(2));
            at(lodged, () -> commands.send(Actor.SYSTEM, new LodgeObjectionCommand(id, key + ".villager",
                    "扫雪的是村委组织的集体劳动", lodged)));
            review(key, id, reviewedAt.plus(Duration.ofDays(10)), VoteChoice.REJECT);
            reported.add(new Reported(reporter.userId(), household, date, date.plusDays(delay), null, true));
            return;
        }
        if (confirmedAt.isAfter(clock.instant())) {
            reported.add(new Reported(reporter.userId(), household, date, date.plusDays(delay), null, false));
            return;
        }
        // settled as the objection-period job settles a deed, at the time its period ended
        at(confirmedAt, () -> objectionPeriod.settle(id, confirmedAt));
        LocalDate confirmedOn = LocalDate.ofInstant(confirmedAt, VILLAGES);
        reported.add(new Reported(reporter.userId(), household, date, date.plusDays(delay),
                rule.points() > 0 ? confirmedOn : null, false));
    }

    /** A review session of one deed: three of the committee vote, a few minutes apart. */
    private void review(String key, DeedId deed, Instant at, VoteChoice choice) {
        List<String> committee = COMMITTEE_SUFFIXES.stream().map(s -> key + s).toList();
        String title = LocalDate.ofInstant(at, VILLAGES).getMonthValue() + "月评议会";
        at(at, () -> commands.send(Actor.SYSTEM, new PutOnAgendaCommand(deed, ReviewSessionId.newId(), title,
                committee, 7)));
        for (int i = 0; i < 3; i++) {
            Instant cast = at.plus(Duration.ofMinutes(10L + 3L * i));
            String member = committee.get(i);
            at(cast, () -> commands.send(new Actor(member, Role.COMMITTEE_MEMBER, "/", null, null),
                    new CastVoteCommand(deed, member, choice, null, cast)));
        }
    }

    /**
     * Last quarter's grid worker round, as the office opened it on the quarter's eighth day with the facts the
     * rankings then held (worked out here from the deeds just told: the rankings catch up only after the demo's
     * transaction commits), scored by the townships and published a week later.
     */
    private void publishRound(Region county, Actor office, Period quarter, LocalDate today) {
        LocalDate opened = quarter.end().plusDays(7);
        if (opened.isAfter(today)) {
            return;
        }
        List<WorkerFacts> facts = new ArrayList<>();
        List<Person> workers = new ArrayList<>();
        for (Region grid : regions.within(office, RegionLevel.GRID)) {
            for (Person worker : persons.findByRoleAndRegionId(Role.GRID_WORKER, grid.id())) {
                workers.add(worker);
                facts.add(facts(worker, grid, quarter));
            }
        }
        RatingRoundId id = RatingRoundId.of(RoundKind.GRID_WORKERS, county.code(), quarter.key());
        Instant openedAt = morning(opened);
        at(openedAt, () -> commands.send(office, new OpenWorkerRoundCommand(id, county.path(), quarter.key(),
                WorkerCriteria.standard(), facts, office.userId(), openedAt, opened)));
        for (int i = 0; i < workers.size(); i++) {
            Person worker = workers.get(i);
            Region grid = regions.get(worker.regionId());
            Region township = regions.lineage(grid).get(1);
            String officer = persons.findByRoleAndRegionId(Role.TOWNSHIP_OFFICER, township.id()).stream()
                    .findFirst().map(Person::username).orElse(office.userId());
            int score = 60 + random.nextInt(36);
            Instant given = openedAt.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(i));
            at(given, () -> commands.send(new Actor(officer, Role.TOWNSHIP_OFFICER, township.path(), null, null),
                    new GiveTownshipScoreCommand(id, worker.username(), score, officer, given)));
        }
        Instant published = openedAt.plus(Duration.ofDays(7));
        at(published, () -> commands.send(office, new PublishRoundCommand(id, Map.of(), office.userId(), published)));
    }

    private WorkerFacts facts(Person worker, Region grid, Period quarter) {
        int reports = 0;
        int confirmed = 0;
        int wrong = 0;
        long delay = 0;
        Map<String, Boolean> took = new HashMap<>();
        for (Reported r : reported) {
            boolean inQuarter = !r.reportedOn().isBefore(quarter.start()) && r.reportedOn().isBefore(quarter.end());
            if (r.reporter().equals(worker.username()) && inQuarter) {
                reports++;
                confirmed += r.confirmedOn() != null ? 1 : 0;
                wrong += r.objected() ? 1 : 0;
                delay += r.reportedOn().toEpochDay() - r.deedDate().toEpochDay();
            }
            boolean confirmedInQuarter = r.confirmedOn() != null && !r.confirmedOn().isBefore(quarter.start())
                    && r.confirmedOn().isBefore(quarter.end());
            if (confirmedInQuarter && r.household().gridId().equals(grid.id())) {
                took.put(r.household().id(), true);
            }
        }
        int size = households.findAllUnder(grid.path()).size();
        return new WorkerFacts(worker.username(), worker.displayName(), grid.id(), grid.path(), reports, confirmed,
                reports == 0 ? 0 : Math.round(10.0 * delay / reports) / 10.0, wrong, size, took.size());
    }

    /** The rules the demo's deeds are judged by: the county's, with any of them that is missing added. */
    private Map<String, Rule> rules(Actor office, Region county, LocalDate since) {
        Map<String, Rule> byCode = new HashMap<>();
        catalog.countyRules(office, county.id(), LocalDate.now(clock)).forEach(r -> byCode.put(r.code(), r));
        List<RuleDraft> wanted = List.of(
                new RuleDraft("SOC-01", "助人为乐", Category.SOCIAL, 5, 3, 10, Evidence.NONE, null, null, ""),
                new RuleDraft("ECO-01", "主动参与村环境卫生整治", Category.ECOLOGICAL, 2, 2, 3, Evidence.NONE, 4,
                        LimitPeriod.MONTH, ""),
                new RuleDraft("POL-02", "参加村民代表会议、建言献策", Category.POLITICAL, 3, 3, 3, Evidence.NONE, null,
                        null, ""),
                new RuleDraft("MAT-02", "学习致富技能（旅游服务、剪纸、手工布艺等培训）", Category.MATERIAL, 3, 3, 3,
                        Evidence.NONE, 2, LimitPeriod.QUARTER, ""),
                new RuleDraft("SPI-01", "孝敬老人", Category.SPIRITUAL, 10, 5, 15, Evidence.WITNESS, 1,
                        LimitPeriod.QUARTER, ""),
                new RuleDraft("SPI-02", "邻里和睦、调解纠纷", Category.SPIRITUAL, 5, 3, 8, Evidence.NONE, null, null, ""),
                new RuleDraft("SOC-91", "赌博", Category.SOCIAL, -20, -30, -10, Evidence.NONE, null, null, ""),
                new RuleDraft("ECO-90", "乱扔垃圾", Category.ECOLOGICAL, -2, -5, -2, Evidence.NONE, null, null, ""));
        for (RuleDraft draft : wanted) {
            byCode.computeIfAbsent(draft.code(), code -> catalog.addCountyRule(office, county.id(), draft, since));
        }
        return byCode;
    }

    private Actor worker(Household household) {
        Region grid = regions.get(household.gridId());
        return persons.findByRoleAndRegionId(Role.GRID_WORKER, grid.id()).stream().findFirst()
                .map(p -> new Actor(p.username(), Role.GRID_WORKER, grid.path(), null, null))
                .orElseThrow(() -> new IllegalStateException("no grid worker in " + grid.name()));
    }

    /** The username prefix of a village's demo people (hedong.admin, leguo.c1...). */
    private String usernamePrefix(Region village) {
        return persons.findByRoleAndRegionId(Role.VILLAGE_ADMIN, village.id()).stream().findFirst()
                .map(p -> p.username().substring(0, p.username().indexOf('.')))
                .orElseThrow(() -> new IllegalStateException("no administrator in " + village.name()));
    }

    private static Instant morning(LocalDate day) {
        return day.atTime(9, 30).atZone(VILLAGES).toInstant();
    }

    /** Runs a command with the events it makes stamped at {@code instant}, as if it had been sent then. */
    private <R> R at(Instant instant, Supplier<R> command) {
        Clock stamps = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(instant, VILLAGES);
        try {
            return command.get();
        } finally {
            GenericEventMessage.clock = stamps;
        }
    }


    /** A deed as the demo reported it: enough to work out last quarter's facts of each grid worker. */
    private record Reported(String reporter, Household household, LocalDate deedDate, LocalDate reportedOn,
                            LocalDate confirmedOn, boolean objected) {
    }
}
