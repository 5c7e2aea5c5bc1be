package cn.moralbank.points.deed;

import cn.moralbank.points.common.Commands;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.RevokeDeedCommand;
import cn.moralbank.points.deed.api.Settlement;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.PenaliseCommand;
import cn.moralbank.points.ledger.api.ReverseCommand;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;

/**
 * Corrections: a credited deed found wrong later is revoked by the committee (recorded by a member or the
 * administrator). Its ledger entry is reversed by a new entry with the reason, never edited; the deed's revocation
 * and the reversal commit together. A household merged into another (合户) since its deed was credited has a closed
 * account, its points the other household's: the deed's points are taken back there, by an entry of the opposite
 * kind under the reversal's id, its reason saying so (the revocation was refused, and the credit stood).
 */
@Singleton
public class Corrections {
    private final DeedViewRepositories.Deeds deeds;
    private final Commands commands;
    private final Ledger ledger;
    private final Households households;
    private final Clock clock;

    /** The passbook's reason for a deed of a household merged into this one, revoked. */
    static final String MERGED = "撤销合户并入本户的农户的事迹：";

    Corrections(DeedViewRepositories.Deeds deeds, Commands commands, Ledger ledger, Households households,
                Clock clock) {
        this.households = households;
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
        HouseholdId holder = households.holderNow(revoked.householdId());
        if (holder.equals(revoked.householdId())) {
            ledger.reverse(actor, new ReverseCommand(revoked.householdId(), Settlement.reversalIdOf(id),
                    revoked.entryId(), reason.strip()));
            return;
        }
        String why = MERGED + reason.strip();
        long points = revoked.points();
        if (points > 0) {
            ledger.penalise(actor, new PenaliseCommand(holder, Settlement.reversalIdOf(id), points, revoked.source(),
                    why));
        } else if (points < 0) {
            ledger.credit(actor, new CreditCommand(holder, Settlement.reversalIdOf(id), -points, revoked.source(),
                    why));
        }
    }
}
