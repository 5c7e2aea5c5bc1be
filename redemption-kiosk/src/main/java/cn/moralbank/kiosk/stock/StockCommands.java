package cn.moralbank.kiosk.stock;

import cn.moralbank.points.common.Commands;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.NotFound;
import jakarta.inject.Singleton;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Sends commands to a supermarket's stock book with who sent them as metadata, which every event keeps. Public for
 * the checkout process, which reserves, releases, sells and returns goods through it.
 */
@Singleton
public class StockCommands {
    private final Commands commands;

    StockCommands(Commands commands) {
        this.commands = commands;
    }

    public void send(Actor actor, Object command) {
        try {
            commands.send(actor, command);
        } catch (AggregateNotFoundException e) {
            throw new NotFound("supermarket.not-found", e.getAggregateIdentifier());
        }
    }
}
