package cn.moralbank.points.testing;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.deed.api.*;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryResult;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.PenaliseCommand;
import cn.moralbank.points.ledger.api.ReverseCommand;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.rules.Category;
import cn.moralbank.points.rules.Evidence;
import cn.moralbank.points.rules.RuleId;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Takes a deed the whole way through the deed context's own commands (report, agenda, three votes of five, the end
 * of the objection period, the ledger entry), at the times given, as the objection-period process would: what the
 * rankings and ratings are made of, without the services' checks of "today".
 */
public final class DeedPath {
    private static final List<String> COMMITTEE = List.of("m1", "m2", "m3", "m4", "m5");
    private final CommandGateway gateway;
    private final Ledger ledger;

    public DeedPath(CommandGateway gateway, Ledger ledger) {
        this.gateway = gateway;
        this.ledger = ledger;
    }

    public DeedId report(Actor reporter, HouseholdId household, Region village, Category category, long points,
                  LocalDate deedDate, Instant reportedAt) {
        DeedId deed = DeedId.newId();
        RuleTerms rule = new RuleTerms(new RuleId(1), 1, "T-01", "测试规则", category, points, Math.min(points, 0),
                Math.max(points, 0), Evidence.NONE);
        send(reporter, new ReportDeedCommand(deed, household, "户", village.id(), village.path(), rule, deedDate,
                "事迹", List.of(), "", reporter.userId(), reporter.role(), reportedAt));
        return deed;
    }

    /** Reviews and approves the deed, and books it when its period has ended: confirmed at {@code at}. */
    private void approve(DeedId deed, Instant reviewedAt) {
        send(Actor.SYSTEM, new PutOnAgendaCommand(deed, ReviewSessionId.newId(), "评议会", COMMITTEE, 7));
        for (int i = 0; i < 3; i++) {
            send(Actor.SYSTEM, new CastVoteCommand(deed, COMMITTEE.get(i), VoteChoice.APPROVE, null,
                    reviewedAt.plus(Duration.ofMinutes(i))));
        }
    }

    public void confirm(DeedId deed, Instant reviewedAt, Instant at) {
        send(Actor.SYSTEM, new PutOnAgendaCommand(deed, ReviewSessionId.newId(), "评议会", COMMITTEE, 7));
        for (int i = 0; i < 3; i++) {
            send(Actor.SYSTEM, new CastVoteCommand(deed, COMMITTEE.get(i), VoteChoice.APPROVE, null,
                    reviewedAt.plus(Duration.ofMinutes(i))));
        }
        Settlement settlement = send(Actor.SYSTEM, new ConfirmDeedCommand(deed, at));
        if (!settlement.due()) {
            throw new IllegalArgumentException("the objection period has not ended by " + at);
        }
        long points = settlement.points();
        EntryResult result = points > 0
                ? ledger.credit(Actor.SYSTEM, new CreditCommand(settlement.householdId(), settlement.entryId(), points,
                        "deed", "测试"))
                : ledger.penalise(Actor.SYSTEM, new PenaliseCommand(settlement.householdId(), settlement.entryId(),
                        -points, "deed", "测试"));
        send(Actor.SYSTEM, new RecordCreditCommand(deed, settlement.entryId(), result.balanceAfter()));
    }

    /**
     * Approves the deed, a villager objects during its objection period, and the next session rejects it: an
     * objection upheld against the reporter.
     */
    public void objectAndReject(DeedId deed, Instant reviewedAt) {
        approve(deed, reviewedAt);
        send(Actor.SYSTEM, new LodgeObjectionCommand(deed, "villager", "不属实", reviewedAt.plus(Duration.ofDays(1))));
        reject(deed, reviewedAt.plus(Duration.ofDays(10)));
    }

    /** Reviews the deed and rejects it. */
    public void reject(DeedId deed, Instant reviewedAt) {
        send(Actor.SYSTEM, new PutOnAgendaCommand(deed, ReviewSessionId.newId(), "评议会", COMMITTEE, 7));
        for (int i = 0; i < 3; i++) {
            send(Actor.SYSTEM, new CastVoteCommand(deed, COMMITTEE.get(i), VoteChoice.REJECT, null,
                    reviewedAt.plus(Duration.ofMinutes(i))));
        }
    }

    public void revoke(DeedId deed, Instant at) {
        Settlement settlement = send(Actor.SYSTEM, new RevokeDeedCommand(deed, "m1", "经核实不属实", at));
        ledger.reverse(Actor.SYSTEM, new ReverseCommand(settlement.householdId(), Settlement.reversalIdOf(deed),
                settlement.entryId(), "经核实不属实"));
    }

    public static Instant at(LocalDate day) {
        return day.atTime(9, 30).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    public static Actor gridWorker(String username, Region grid) {
        return new Actor(username, Role.GRID_WORKER, grid.path(), null, null);
    }

    private <R> R send(Actor actor, Object command) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(MetaData.from(actor.metaData())));
    }
}
