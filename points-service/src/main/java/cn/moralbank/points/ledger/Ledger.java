package cn.moralbank.points.ledger;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.PlainText;
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
        storable(command.reason());
        return send(actor, command);
    }

    public EntryResult penalise(Actor actor, PenaliseCommand command) {
        storable(command.reason());
        return send(actor, command);
    }

    public EntryResult debit(Actor actor, DebitCommand command) {
        storable(command.reason());
        return send(actor, command);
    }

    public EntryResult reverse(Actor actor, ReverseCommand command) {
        storable(command.reason());
        return send(actor, command);
    }

    /** A reason the passbook projection could not store (a NUL...) is refused before it becomes an event. */
    private static void storable(String reason) {
        if (!PlainText.storable(reason)) {
            throw new BadInput("ledger.reason.unstorable");
        }
    }

    private <R> R send(Actor actor, Object command) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(MetaData.from(actor.metaData())));
    }
}
