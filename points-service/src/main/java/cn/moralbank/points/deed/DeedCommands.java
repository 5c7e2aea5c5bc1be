package cn.moralbank.points.deed;

import cn.moralbank.points.access.Actor;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/** Sends the deed context's commands with who sent them as metadata, which every resulting event keeps. */
@Singleton
class DeedCommands {
    private final CommandGateway gateway;

    DeedCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    <R> R send(Actor actor, Object command) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(MetaData.from(actor.metaData())));
    }
}
