package cn.moralbank.points.deed.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The committee sets the deed's points within the rule's range, with its reason. Allowed under review before the
 * first vote: members vote on the points they see.
 */
public record AdjustPointsCommand(@TargetAggregateIdentifier DeedId deedId, long points, String reason,
                                  String adjustedBy) {
}
