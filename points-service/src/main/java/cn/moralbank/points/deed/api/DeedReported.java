package cn.moralbank.points.deed.api;

import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.api.HouseholdId;
import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@DomainEvent
public record DeedReported(DeedId deedId, HouseholdId householdId, String householdName, long villageId,
                           String villagePath, RuleTerms rule, long points, LocalDate deedDate, String description,
                           List<PhotoId> photos, String witness, String reporter, Role reporterRole,
                           Instant reportedAt) {
}
