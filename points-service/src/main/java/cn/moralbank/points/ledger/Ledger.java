package cn.moralbank.points.ledger;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.common.TryAgainLater;
import cn.moralbank.points.infra.axon.AxonSettings;
import cn.moralbank.points.ledger.api.*;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The household ledger's public commands. Every command goes out with who sent it (user, role, region, device) as
 * metadata, which every resulting event keeps. Callers check scope before they call (see Households). A caller
 * waits for the answer at most {@code moralbank.axon.command-timeout-millis}, then gets {@link TryAgainLater}: the
 * command may still take effect, once, and the same command sent again (same entry id) is answered as a duplicate.
 */
@Singleton
public class Ledger {
    private final CommandGateway gateway;
    private final long timeoutMillis;

    Ledger(CommandGateway gateway, AxonSettings settings) {
        this.gateway = gateway;
        this.timeoutMillis = settings.commandTimeoutMillis();
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
        try {
            return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .withMetaData(MetaData.from(actor.metaData())), timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof TimeoutException || e.getCause() instanceof InterruptedException) {
                throw new TryAgainLater("ledger.busy", e.getCause());
            }
            throw lockTimedOut(e) ? new TryAgainLater("ledger.busy", e) : e;
        } catch (RuntimeException e) {
            // another transaction held the account's next slot longer than lock_timeout (application.yml)
            throw lockTimedOut(e) ? new TryAgainLater("ledger.busy", e) : e;
        }
    }

    /** Whether PostgreSQL gave up waiting for a row lock (SQLSTATE 55P03, lock_not_available). */
    private static boolean lockTimedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
