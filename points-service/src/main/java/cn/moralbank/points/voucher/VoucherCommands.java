package cn.moralbank.points.voucher;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.voucher.api.VoucherSerial;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;

/** Sends the voucher commands with who sent them as metadata; an unknown serial is a 404, not a crash. */
@Singleton
class VoucherCommands {
    private final CommandGateway gateway;

    VoucherCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    <R> R send(Actor actor, VoucherSerial serial, Object command) {
        try {
            return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .withMetaData(MetaData.from(actor.metaData())));
        } catch (AggregateNotFoundException e) {
            throw new NotFound("voucher.not-found", serial.value());
        }
    }
}
