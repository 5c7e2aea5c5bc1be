package cn.moralbank.points.deed;

import cn.moralbank.points.common.Commands;
import cn.moralbank.points.access.Actor;
import jakarta.inject.Singleton;

/** Sends the deed context's commands with who sent them as metadata, which every resulting event keeps. */
@Singleton
class DeedCommands {
    private final Commands commands;

    DeedCommands(Commands commands) {
        this.commands = commands;
    }

    <R> R send(Actor actor, Object command) {
        return commands.send(actor, command);
    }
}
