package cn.moralbank.kiosk.stock;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.NotFound;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Sends commands to a supermarket's stock book with who sent them as metadata, which every event keeps. Public for
 * the checkout process, which reserves, releases, sells and returns goods through it.
 */
@Singleton
public class StockCommands {
    private final CommandGateway gateway;

    StockCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public void send(Actor actor, Object command) {
        try {
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .withMetaData(MetaData.from(actor.metaData())));
        } catch (AggregateNotFoundException e) {
            throw new NotFound("supermarket.not-found", e.getAggregateIdentifier());
        }
    }
}
