package cn.moralbank.points.deed.api;

import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.api.HouseholdId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Reports a good deed (or bad behaviour) of a household, judged by {@code rule}. The reporting service has checked
 * scope, dates, photos and limits; the reporter is named so that they cannot vote on their own report.
 */
public record ReportDeedCommand(@TargetAggregateIdentifier DeedId deedId, HouseholdId householdId,
                                String householdName, long villageId, String villagePath, RuleTerms rule,
                                LocalDate deedDate, String description, List<PhotoId> photos, String witness,
                                String reporter, Role reporterRole, Instant reportedAt) {
}
