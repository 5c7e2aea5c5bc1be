package cn.moralbank.web.county;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.deed.api.*;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.EntryKind;
import cn.moralbank.points.ledger.api.EntryReversed;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.PointsCredited;
import cn.moralbank.points.ledger.api.PointsPenalised;
import cn.moralbank.points.rules.Evidence;
import cn.moralbank.points.rules.Rule;
import cn.moralbank.web.county.Village.Home;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import static cn.moralbank.web.county.History.ACCOUNT;
import static cn.moralbank.web.county.History.DEED;
import static cn.moralbank.web.county.History.SESSION;

/**
 * A deed's way as the real path writes it: reported by the grid worker (or the administrator), put on the agenda of
 * the village's monthly review session, voted on by the committee until a majority decides, posted on the notice
 * board, confirmed by the objection-period job when the objection period ends, booked in the household's account and
 * recorded on the deed; now and then revoked later by the administrator (the entry reversed).
 */
final class DeedFlow {
    static final String LIMIT_ROW = "INSERT INTO deed_limit_use (deed_id, household_id, rule_id, deed_date, counts) "
            + "VALUES (?, ?, ?, ?, ?)";
    private static final String[] DESCRIPTIONS = {"村民反映属实", "网格员走访核实", "邻里共同见证", "村委会了解情况属实",
            "有照片和群众反映为证", "本人主动说明，经核实"};
    private static final String[] REVOKE_REASONS = {"经复核，事迹与实际不符", "群众反映后复查，重复上报", "上级抽查发现材料不实"};

    private final History h;
    private final List<Rule> good;
    private final List<Rule> bad;
    private final List<Rule> unlimited;
    /** uses of limited rules per household and period, this calendar year (every limit period lies in one year) */
    private final Map<String, Integer> uses = new HashMap<>();
    private int usesYear;

    DeedFlow(History h, List<Rule> rules) {
        this.h = h;
        this.good = rules.stream().filter(r -> !r.penalty() && r.evidence() != Evidence.PHOTO).toList();
        this.bad = rules.stream().filter(Rule::penalty).toList();
        this.unlimited = good.stream().filter(r -> !r.limited()).toList();
    }

    /** A deed in the village's queue for this month's session, decided in advance. */
    static final class Planned {
        final DeedId id;
        final Home home;
        final Rule rule;
        final boolean approve;
        final boolean revoke;
        long seq;
        ReviewSessionId session;
        String title;

        Planned(DeedId id, Home home, Rule rule, boolean approve, boolean revoke) {
            this.id = id;
            this.home = home;
            this.rule = rule;
            this.approve = approve;
            this.revoke = revoke;
        }

        long signedPoints() {
            return rule.points();
        }
    }

    void report(Village v, Home home, Instant at, List<Planned> agenda) {
        LocalDate reported = at.atZone(h.zone).toLocalDate();
        LocalDate date = reported.minusDays(h.random.nextInt(4));
        if (date.isBefore(h.start)) {
            date = h.start;
        }
        Rule rule = pick(home, date);
        boolean penalty = rule.penalty();
        boolean approve = h.random.nextInt(100) >= (penalty ? 10 : 8);
        boolean revoke = approve && !penalty && h.random.nextInt(100) == 0;
        if (approve && penalty) {
            home.reserved += -rule.points();
        }
        if (revoke) {
            home.reserved += rule.points();
        }
        if (approve && rule.limited()) {
            uses.merge(useKey(home, rule, date), 1, Integer::sum);
        }
        Actor reporter = home.deep || h.random.nextInt(10) > 0 ? v.gridWorkers.get(home.grid) : v.admin;
        DeedId id = new DeedId(h.ids.uuid());
        Planned deed = new Planned(id, home, rule, approve, revoke);
        String witness = rule.evidence() == Evidence.WITNESS ? h.names.person() : "";
        String description = home.head + "户 " + rule.name() + "，" + DESCRIPTIONS[h.random.nextInt(DESCRIPTIONS.length)];
        h.sink.command(reporter, at);
        h.sink.event(DEED, id.value(), deed.seq++, new DeedReported(id, new HouseholdId(home.id), home.head, v.id,
                v.path, terms(rule), rule.points(), date, description, List.of(), witness, reporter.userId(),
                reporter.role(), at));
        h.sink.row(LIMIT_ROW, id.value(), home.id, rule.id().value(), date, approve && !revoke);
        agenda.add(deed);
        h.sink.endOfFlow();
    }

    /** The monthly session: prepared with every pending report, voted through, closed; confirmations queued. */
    void session(Village v, LocalDate day, List<Planned> agenda, PriorityQueue<History.Action> queue) {
        if (agenda.isEmpty()) {
            return;
        }
        ReviewSessionId id = new ReviewSessionId(h.ids.uuid());
        YearMonth month = YearMonth.from(day);
        String title = month.getYear() + "年" + month.getMonthValue() + "月评议会";
        List<String> committee = v.committee.stream().map(Actor::userId).sorted().toList();
        Instant prepared = day.atTime(18, 0).atZone(h.zone).toInstant();
        h.sink.command(v.admin, prepared);
        h.sink.event(SESSION, id.value(), 0, new ReviewSessionPrepared(id, v.id, v.path, title, day, committee,
                h.objectionDays, agenda.stream().map(p -> p.id).toList(), v.admin.userId(), prepared));
        for (Planned deed : agenda) {
            deed.session = id;
            deed.title = title;
            h.sink.command(v.admin, prepared);
            h.sink.event(DEED, deed.id.value(), deed.seq++, new DeedPutOnAgenda(deed.id, id, title, committee,
                    h.objectionDays));
        }
        Instant castAt = day.atTime(19, 0).atZone(h.zone).toInstant();
        for (Planned deed : agenda) {
            castAt = vote(v, deed, castAt, queue);
        }
        h.sink.command(v.admin, castAt.plus(Duration.ofMinutes(10)));
        h.sink.event(SESSION, id.value(), 1, new ReviewSessionClosed(id, v.admin.userId(), h.sink.at()));
        agenda.clear();
        h.sink.endOfFlow();
    }

    private Instant vote(Village v, Planned deed, Instant at, PriorityQueue<History.Action> queue) {
        List<Actor> members = new ArrayList<>(v.committee);
        Collections.shuffle(members, h.random);
        VoteChoice side = deed.approve ? VoteChoice.APPROVE : VoteChoice.REJECT;
        List<VoteChoice> votes = new ArrayList<>();
        if (h.random.nextInt(5) == 0) {
            votes.add(h.random.nextBoolean() ? VoteChoice.ABSTAIN
                    : side == VoteChoice.APPROVE ? VoteChoice.REJECT : VoteChoice.APPROVE);
        }
        int size = members.size();
        int approvals = 0;
        int rejections = 0;
        int abstentions = 0;
        while (2 * approvals <= size && 2 * rejections <= size) {
            VoteChoice choice = votes.isEmpty() ? side : votes.remove(0);
            Actor member = members.get(approvals + rejections + abstentions);
            at = at.plusSeconds(20 + h.random.nextInt(40));
            switch (choice) {
                case APPROVE -> approvals++;
                case REJECT -> rejections++;
                case ABSTAIN -> abstentions++;
            }
            h.sink.command(member, at);
            h.sink.event(DEED, deed.id.value(), deed.seq++, new VoteCast(deed.id, deed.session, member.userId(),
                    choice, "", at));
        }
        if (2 * approvals > size) {
            h.sink.event(DEED, deed.id.value(), deed.seq++, new DeedApproved(deed.id, deed.session,
                    deed.signedPoints(), approvals, rejections, abstentions, size, at));
            Instant ends = at.plus(Duration.ofDays(h.objectionDays));
            h.sink.event(DEED, deed.id.value(), deed.seq++, new DeedPosted(deed.id, new HouseholdId(deed.home.id),
                    deed.session, deed.signedPoints(), at, ends));
            h.later(queue, ends.plusSeconds(30 + h.random.nextInt(30)), () -> confirm(v, deed, queue));
        } else {
            h.sink.event(DEED, deed.id.value(), deed.seq++, new DeedRejected(deed.id, deed.session, approvals,
                    rejections, abstentions, size, at));
        }
        return at;
    }

    /** The objection-period job: confirmed, booked (credit or penalty), recorded on the deed; all as the system. */
    private void confirm(Village v, Planned deed, PriorityQueue<History.Action> queue) {
        Instant at = h.sink.at();
        Home home = deed.home;
        HouseholdId household = new HouseholdId(home.id);
        long points = deed.signedPoints();
        h.sink.command(Actor.SYSTEM, at);
        h.sink.event(DEED, deed.id.value(), deed.seq++, new DeedConfirmed(deed.id, household, points, at));
        EntryId entry = Settlement.entryIdOf(deed.id);
        String source = Settlement.sourceOf(deed.session);
        String reason = Settlement.passbookReason(deed.rule.name(), deed.rule.code(), deed.rule.version(), deed.title);
        h.sink.command(Actor.SYSTEM, at);
        if (points > 0) {
            home.balance += points;
            h.sink.event(ACCOUNT, home.id, home.seq++, new PointsCredited(household, entry, points, source, reason,
                    home.balance));
        } else {
            home.balance += points;
            home.reserved += points;
            h.sink.event(ACCOUNT, home.id, home.seq++, new PointsPenalised(household, entry, -points, source, reason,
                    home.balance));
        }
        home.entries++;
        h.sink.command(Actor.SYSTEM, at);
        h.sink.event(DEED, deed.id.value(), deed.seq++, new DeedCredited(deed.id, household, entry, points,
                home.balance));
        if (deed.revoke) {
            Instant when = at.plus(Duration.ofDays(2 + h.random.nextInt(5)));
            h.later(queue, when.atZone(h.zone).withHour(10).toInstant(), () -> revoke(v, deed));
        }
        h.sink.endOfFlow();
    }

    private void revoke(Village v, Planned deed) {
        Instant at = h.sink.at();
        Home home = deed.home;
        HouseholdId household = new HouseholdId(home.id);
        String reason = REVOKE_REASONS[h.random.nextInt(REVOKE_REASONS.length)];
        EntryId entry = Settlement.entryIdOf(deed.id);
        h.sink.command(v.admin, at);
        h.sink.event(DEED, deed.id.value(), deed.seq++, new DeedRevoked(deed.id, household, entry, v.admin.userId(),
                reason, at));
        long change = -deed.signedPoints();
        home.balance += change;
        home.reserved += change;
        home.entries++;
        h.sink.command(v.admin, at);
        h.sink.event(ACCOUNT, home.id, home.seq++, new EntryReversed(household, Settlement.reversalIdOf(deed.id),
                entry, EntryKind.CREDIT, change, reason, home.balance));
        h.sink.endOfFlow();
    }

    /** A rule for a report: mostly good deeds, some bad behaviour where the balance can bear it, within limits. */
    private Rule pick(Home home, LocalDate date) {
        if (date.getYear() != usesYear) {
            uses.clear();
            usesYear = date.getYear();
        }
        if (home.deep) {
            return unlimited.get(h.random.nextInt(unlimited.size()));
        }
        if (h.random.nextInt(100) < 12 && home.spendable() >= 40 && !bad.isEmpty()) {
            return bad.get(h.random.nextInt(bad.size()));
        }
        for (int attempt = 0; attempt < 4; attempt++) {
            Rule rule = good.get(h.random.nextInt(good.size()));
            if (!rule.limited() || uses.getOrDefault(useKey(home, rule, date), 0) < rule.limitCount()) {
                return rule;
            }
        }
        return unlimited.get(h.random.nextInt(unlimited.size()));
    }

    private static String useKey(Home home, Rule rule, LocalDate date) {
        return home.id + "|" + rule.id().value() + "|" + rule.limitPeriod().firstDay(date);
    }

    static RuleTerms terms(Rule rule) {
        return new RuleTerms(rule.id(), rule.version(), rule.code(), rule.name(), rule.category(), rule.points(),
                rule.minPoints(), rule.maxPoints(), rule.evidence());
    }
}
