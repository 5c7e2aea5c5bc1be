package cn.moralbank.points.deed.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The reporter or the administrator takes a report back before the committee has voted on it. */
public record WithdrawDeedCommand(@TargetAggregateIdentifier DeedId deedId, String withdrawnBy,
                                  String reason, Instant withdrawnAt) {
}
