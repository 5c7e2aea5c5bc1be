package cn.moralbank.points.deed;

import cn.moralbank.points.common.Commands;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.LodgeObjectionCommand;
import cn.moralbank.points.household.HouseholdRepository;
import cn.moralbank.points.region.Region;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * The village's notice board (公示栏): approved deeds and penalties until their objection period ends, readable by
 * everyone of the village and the offices above it; anyone of the village may object while the period runs.
 */
@Singleton
public class NoticeBoard {
    private final VillageScope scope;
    private final DeedViewRepositories.Deeds deeds;
    private final HouseholdRepository households;
    private final Commands commands;
    private final Clock clock;

    NoticeBoard(VillageScope scope, DeedViewRepositories.Deeds deeds, HouseholdRepository households,
                Commands commands, Clock clock) {
        this.scope = scope;
        this.deeds = deeds;
        this.households = households;
        this.commands = commands;
        this.clock = clock;
    }

    /** What the village's board shows now, soonest period end first: the page and the printed A4 poster. */
    public List<NoticeItem> list(Actor actor, long villageId) {
        Region village = scope.village(villageId);
        requireOfVillage(actor, village.path());
        return deeds.posted(villageId).stream().map(d -> new NoticeItem(d.deedId(), d.householdId(),
                d.householdName(), households.findById(d.householdId()).map(h -> h.cardNumber()).orElse(""),
                d.ruleCode(), d.ruleName(), d.category(), d.points(), d.deedDate(), d.description(), d.postedAt(),
                d.periodEnds(), d.objections() > 0)).toList();
    }

    /** An objection (异议) with its reason: the deed leaves the board and goes back to the next review session. */
    public void object(Actor actor, DeedId id, String reason) {
        DeedView deed = deeds.findById(id.value()).orElseThrow(() -> new NotFound("deed.not-found", id.value()));
        if (!VillageScope.belongsTo(actor, deed.villagePath())) {
            throw new AccessDenied("objecting to a deed of another village");
        }
        commands.send(actor, new LodgeObjectionCommand(id, actor.userId(), reason, clock.instant()));
    }

    private static void requireOfVillage(Actor actor, String villagePath) {
        if (!VillageScope.belongsTo(actor, villagePath) && !VillageScope.oversees(actor, villagePath)) {
            throw new AccessDenied("notice board of " + villagePath);
        }
    }
}
