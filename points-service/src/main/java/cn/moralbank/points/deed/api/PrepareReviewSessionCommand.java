package cn.moralbank.points.deed.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Prepares a review session (评议会) of a village: its committee as it stands today (usernames), the county's
 * objection period in days, and the deeds on its agenda.
 */
public record PrepareReviewSessionCommand(@TargetAggregateIdentifier ReviewSessionId sessionId, long villageId,
                                          String villagePath, String title, LocalDate heldOn, List<String> committee,
                                          int objectionDays, List<DeedId> agenda, String preparedBy,
                                          Instant preparedAt) {
}
