package cn.moralbank.points.deed.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Puts a pending deed on a session's agenda, with the session's committee (whose majority decides) and the
 * objection period that an approval starts.
 */
public record PutOnAgendaCommand(@TargetAggregateIdentifier DeedId deedId, ReviewSessionId sessionId,
                                 String sessionTitle, List<String> committee, int objectionDays) {
}
