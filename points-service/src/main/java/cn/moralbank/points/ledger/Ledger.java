package cn.moralbank.points.ledger;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.ledger.api.*;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * The household ledger's public commands. Every command goes out with who sent it (user, role, region, device) as
 * metadata, which every resulting event keeps. Callers check scope before they call (see Households).
 */
@Singleton
public class Ledger {
    private final CommandGateway gateway;

    Ledger(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public void open(Actor actor, HouseholdId household, long baseScore) {
        send(actor, new OpenAccountCommand(household, baseScore));
    }

    public EntryResult credit(Actor actor, CreditCommand command) {
        return send(actor, command);
    }

    public EntryResult penalise(Actor actor, PenaliseCommand command) {
        return send(actor, command);
    }

    public EntryResult debit(Actor actor, DebitCommand command) {
        return send(actor, command);
    }

    public EntryResult reverse(Actor actor, ReverseCommand command) {
        return send(actor, command);
    }

    private <R> R send(Actor actor, Object command) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(MetaData.from(actor.metaData())));
    }
}
