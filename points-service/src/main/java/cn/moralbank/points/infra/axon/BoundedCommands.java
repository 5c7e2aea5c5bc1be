package cn.moralbank.points.infra.axon;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.Commands;
import cn.moralbank.points.common.TryAgainLater;
import cn.moralbank.points.infra.db.SqlStates;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGatewayFactory;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;


import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link Commands} on Axon's typed gateway ({@link CommandGatewayFactory}): the gateway's timeout parameters bound
 * the wait and its declared {@link TimeoutException} says when it ran out. Same dispatch interceptor (every text
 * checked) and retry scheduler as the application's {@code CommandGateway} (AxonFactory).
 */
@Singleton
class BoundedCommands implements Commands {
    /** Axon implements this interface; a method declaring TimeoutException throws it instead of answering null. */
    interface Gateway {
        Object send(CommandMessage<?> command, long timeout, TimeUnit unit)
                throws TimeoutException, InterruptedException;
    }

    private final Gateway gateway;
    private final long timeoutMillis;

    BoundedCommands(Configuration configuration, AxonSettings settings,
                    SynchronousTransactionManager<Connection> transactions) {
        this.gateway = CommandGatewayFactory.builder()
                .commandBus(configuration.commandBus())
                .dispatchInterceptors(new CheckedCommandText())
                .retryScheduler(AxonFactory.retryScheduler(settings, transactions))
                .build()
                .createGateway(Gateway.class);
        this.timeoutMillis = settings.commandTimeoutMillis();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R send(Actor actor, Object command) {
        try {
            return (R) gateway.send(GenericCommandMessage.asCommandMessage(command)
                    .withMetaData(MetaData.from(actor.metaData())), timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TryAgainLater("commands.busy", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TryAgainLater("commands.busy", e);
        } catch (RuntimeException e) {
            // another transaction held the aggregate's next slot longer than lock_timeout (application.yml), or booked
            // the same entry or the aggregate's next event first where no retry was left (inside a caller's own
            // transaction there is none): the same command sent again meets what the other did
            throw SqlStates.lockTimedOut(e) || ExceptionUtils.findException(e, ConcurrencyException.class).isPresent()
                    ? new TryAgainLater("commands.busy", e) : e;
        }
    }
}
