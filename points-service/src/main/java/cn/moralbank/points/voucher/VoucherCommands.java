package cn.moralbank.points.voucher;

import cn.moralbank.points.common.Commands;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.voucher.api.VoucherSerial;
import jakarta.inject.Singleton;
import org.axonframework.modelling.command.AggregateNotFoundException;

/** Sends the voucher commands with who sent them as metadata; an unknown serial is a 404, not a crash. */
@Singleton
class VoucherCommands {
    private final Commands commands;

    VoucherCommands(Commands commands) {
        this.commands = commands;
    }

    <R> R send(Actor actor, VoucherSerial serial, Object command) {
        try {
            return commands.send(actor, command);
        } catch (AggregateNotFoundException e) {
            throw new NotFound("voucher.not-found", serial.value());
        }
    }
}
