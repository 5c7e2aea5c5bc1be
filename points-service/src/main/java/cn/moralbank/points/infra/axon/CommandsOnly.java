package cn.moralbank.points.infra.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.Map;
import java.util.Objects;

/**
 * A correlation data provider that gives nothing while an event is handled. Correlation data are copied from the
 * message being handled to the messages sent or published while handling it: here from a command (its actor, its
 * trace) to the events it applies. Every event handler of this application is a projection and sends or publishes
 * nothing ({@code EventHandlerParametersTest.noEventHandlerSendsACommand}), yet Axon works the data out again for
 * each event and each handler, reading every event's metadata, a visible share of a rebuild's processor time
 * (docs/performance.md, "Session 12").
 */
final class CommandsOnly implements CorrelationDataProvider {
    private final CorrelationDataProvider commands;

    CommandsOnly(CorrelationDataProvider commands) {
        this.commands = Objects.requireNonNull(commands);
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        return message instanceof EventMessage<?> ? Map.of() : commands.correlationDataFor(message);
    }
}
