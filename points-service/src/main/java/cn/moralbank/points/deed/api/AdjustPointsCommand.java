package cn.moralbank.points.deed.api;

import cn.moralbank.points.ledger.api.Points;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The committee sets the deed's points within the rule's range, with its reason. Allowed under review before the
 * first vote: members vote on the points they see.
 */
public record AdjustPointsCommand(@TargetAggregateIdentifier DeedId deedId, long points, String reason,
                                  String adjustedBy) {
    /** Points one entry could book, either way: the value type refuses Long.MIN_VALUE and its like here. */
    public AdjustPointsCommand {
        Points.requireWithinEntry(points);
    }
}
