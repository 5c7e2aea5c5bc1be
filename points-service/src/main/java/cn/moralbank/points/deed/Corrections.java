package cn.moralbank.points.deed;

import cn.moralbank.points.common.Commands;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.RevokeDeedCommand;
import cn.moralbank.points.deed.api.Settlement;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.ReverseCommand;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;

/**
 * Corrections: a credited deed found wrong later is revoked by the committee (recorded by a member or the
 * administrator). Its ledger entry is reversed by a new entry with the reason, never edited; the deed's revocation
 * and the reversal commit together.
 */
@Singleton
public class Corrections {
    private final DeedViewRepositories.Deeds deeds;
    private final Commands commands;
    private final Ledger ledger;
    private final Clock clock;

    Corrections(DeedViewRepositories.Deeds deeds, Commands commands, Ledger ledger, Clock clock) {
        this.deeds = deeds;
        this.commands = commands;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Transactional
    public void revoke(Actor actor, DeedId id, String reason) {
        DeedView deed = deeds.findById(id.value()).orElseThrow(() -> new NotFound("deed.not-found", id.value()));
        VillageScope.requireRole(actor, deed.villagePath(), Role.COMMITTEE_MEMBER, Role.VILLAGE_ADMIN);
        Settlement revoked = commands.send(actor, new RevokeDeedCommand(id, actor.userId(), reason,
                clock.instant()));
        ledger.reverse(actor, new ReverseCommand(revoked.householdId(), Settlement.reversalIdOf(id),
                revoked.entryId(), reason.strip()));
    }
}
