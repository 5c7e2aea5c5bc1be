package cn.moralbank.web.demo;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.deed.DeedPhotos;
import cn.moralbank.points.deed.ObjectionPeriodProcess;
import cn.moralbank.points.deed.api.*;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.rules.Rule;
import cn.moralbank.points.common.Commands;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A few weeks of deeds in 河东村, so that every deed page shows something real on first start: last month's session
 * (approved, credited to the passbooks, one penalty, one rejection), this month's session still open (two deeds
 * posted on the notice board, two with some votes), and reports waiting for the next session, one of them a
 * villager's self-report and one with a photo.
 *
 * <p>It sends the deed context's own commands, with the times the past events would have had (a vote cast twenty
 * days ago posts the deed until thirteen days ago), and settles the ended periods with the objection-period process
 * itself. The services cannot be used for the past: they stamp everything with the clock's now, and read the read
 * models, which have not caught up inside the loading transaction.
 */
final class DemoDeeds {
    private static final List<String> COMMITTEE = List.of("hedong.c1", "hedong.c2", "hedong.c3", "hedong.c4",
            "hedong.c5");
    private static final int OBJECTION_DAYS = 7;

    private final Commands commands;
    private final DeedPhotos photos;
    private final ObjectionPeriodProcess objectionPeriod;
    private final Clock clock;

    private Region village;
    private Map<String, Rule> rules;
    private Actor admin;
    private Actor grid1;
    private Actor grid2;
    private Instant now;

    DemoDeeds(Commands commands, DeedPhotos photos, ObjectionPeriodProcess objectionPeriod, Clock clock) {
        this.commands = commands;
        this.photos = photos;
        this.objectionPeriod = objectionPeriod;
        this.clock = clock;
    }

    /**
     * Loads the deeds of 河东村. {@code households} are its households by card number: the first is the demo
     * villager's; households of the second grid come after the first grid's thirty.
     */
    void load(Region hedong, Region grid1Region, Region grid2Region, List<Household> households,
              Map<String, Rule> catalog) {
        village = hedong;
        rules = catalog;
        now = clock.instant();
        admin = new Actor("hedong.admin", Role.VILLAGE_ADMIN, hedong.path(), null, null);
        grid1 = new Actor("hedong.grid1", Role.GRID_WORKER, grid1Region.path(), null, null);
        grid2 = new Actor("hedong.grid2", Role.GRID_WORKER, grid2Region.path(), null, null);
        Household villagerHome = households.get(0);
        Actor villager = new Actor("hedong.villager", Role.VILLAGER, grid1Region.path(), villagerHome.id(), null);

        // last month: decided, posted, and the objection period over
        DeedId helping = report(grid1, households.get(3), "SOC-01", 28, "帮邻居抢收玉米，连续三天，没要一分工钱", null, null);
        DeedId trees = report(grid1, households.get(7), "ECO-02", 27, "在村口河堤义务栽种杨树20棵，一个月后全部成活",
                null, photos.upload(grid1, households.get(7).householdId(), DemoPhoto.trees()));
        DeedId elders = report(grid2, households.get(35), "SPI-01", 26, "常年照顾瘫痪在床的婆婆，端水喂饭、擦洗翻身",
                "村医 刘春生", null);
        DeedId litter = report(admin, households.get(12), "ECO-90", 25, "向河道倾倒生活垃圾，经劝阻后已清理", null, null);
        DeedId gambling = report(grid2, households.get(40), "SOC-91", 25, "有人反映其在家中聚众打牌赌钱", null, null);
        ReviewSessionId last = session("上月评议会", 20, List.of(helping, trees, elders, litter, gambling));
        commands.send(admin, new AdjustPointsCommand(elders, 12, "照顾婆婆已有八年，委员会一致认为应从高计分", admin.userId()));
        // each list stops at the vote that made the majority: a decided deed takes no more votes
        votes(helping, 20, "APPROVE", "ABSTAIN", "APPROVE", "APPROVE");
        votes(trees, 20, "APPROVE", "APPROVE", "APPROVE");
        votes(elders, 20, "APPROVE", "APPROVE", "APPROVE");
        votes(litter, 20, "APPROVE", "APPROVE", "APPROVE");
        votes(gambling, 20, "REJECT", "REJECT", "ABSTAIN", "REJECT");
        close(last, 20);
        for (DeedId deed : List.of(helping, trees, elders, litter)) {
            objectionPeriod.settle(deed, now);
        }

        // this month: the session is still open
        DeedId cleanUp = report(grid1, villagerHome, "ECO-01", 6, "参加全村大扫除，清理河道垃圾两车", null, null);
        DeedId poverty = report(admin, households.get(15), "MAT-01", 5, "发展庭院养殖肉牛，年收入超过三万元，主动申请退出贫困户",
                null, null);
        DeedId rescue = report(grid2, households.get(45), "SOC-01", 5, "冒雨把突发疾病的邻居送到镇卫生院", null, null);
        DeedId fight = report(grid2, households.get(50), "SOC-90", 4, "因宅基地纠纷与邻居打架，双方均有轻伤",
                "村调解员 王德胜", null);
        session("本月评议会", 2, List.of(cleanUp, poverty, rescue, fight));
        votes(cleanUp, 2, "APPROVE", "APPROVE", "APPROVE");
        votes(poverty, 2, "APPROVE", "APPROVE", "ABSTAIN", "APPROVE");
        votes(rescue, 2, "APPROVE", "APPROVE", "ABSTAIN");
        votes(fight, 2, "APPROVE", "REJECT");

        // waiting for the next session
        report(villager, villagerHome, "SOC-01", 1, "每天给村西头独居的五保户老人送一顿热饭", null, null);
        report(grid1, households.get(5), "POL-01", 1, "在村广场给老人们讲解新农合医保报销政策", null, null);
        report(grid2, households.get(33), "ECO-02", 0, "带领家人在后山荒坡栽种油松30棵，已成活",
                null, photos.upload(grid2, households.get(33).householdId(), DemoPhoto.trees()));
        report(admin, households.get(25), "HD-01", 0, "周末在村文化室教孩子们剪纸", null, null);
    }

    private DeedId report(Actor reporter, Household household, String rule, int daysAgo, String description,
                          String witness, PhotoId photo) {
        Rule r = rules.get(rule);
        DeedId id = DeedId.newId();
        LocalDate date = LocalDate.now(clock).minusDays(daysAgo + 1L);
        RuleTerms terms = new RuleTerms(r.id(), r.version(), r.code(), r.name(), r.category(), r.points(),
                r.minPoints(), r.maxPoints(), r.evidence());
        commands.send(reporter, new ReportDeedCommand(id, household.householdId(), household.headName(), village.id(),
                village.path(), terms, date, description, photo == null ? List.of() : List.of(photo), witness,
                reporter.userId(), reporter.role(), daysAgo(daysAgo)));
        return id;
    }

    private ReviewSessionId session(String title, int daysAgo, List<DeedId> agenda) {
        ReviewSessionId id = ReviewSessionId.newId();
        commands.send(admin, new PrepareReviewSessionCommand(id, village.id(), village.path(), title,
                LocalDate.now(clock).minusDays(daysAgo), COMMITTEE, OBJECTION_DAYS, agenda, admin.userId(),
                daysAgo(daysAgo)));
        for (DeedId deed : agenda) {
            commands.send(admin, new PutOnAgendaCommand(deed, id, title, COMMITTEE, OBJECTION_DAYS));
        }
        return id;
    }

    /** Votes by the committee members in order (c1, c2...), a few minutes apart. */
    private void votes(DeedId deed, int daysAgo, String... choices) {
        for (int i = 0; i < choices.length; i++) {
            String member = COMMITTEE.get(i);
            Actor actor = new Actor(member, Role.COMMITTEE_MEMBER, village.path(), null, null);
            String comment = i == 0 ? "情况属实" : null;
            commands.send(actor, new CastVoteCommand(deed, member, VoteChoice.valueOf(choices[i]), comment,
                    daysAgo(daysAgo).plus(Duration.ofMinutes(10L + 3L * i))));
        }
    }

    private void close(ReviewSessionId session, int daysAgo) {
        List<DeedId> agenda = commands.send(admin, new CloseReviewSessionCommand(session, admin.userId(),
                daysAgo(daysAgo).plus(Duration.ofHours(2))));
        for (DeedId deed : agenda) {
            commands.send(admin, new ReturnToQueueCommand(deed, session));
        }
    }

    /** A morning some days back, at the village's half past nine; today, an hour ago. */
    private Instant daysAgo(int days) {
        if (days == 0) {
            return now.minus(Duration.ofHours(1));
        }
        return LocalDate.now(clock).minusDays(days).atTime(9, 30).atZone(clock.getZone()).toInstant();
    }

}
