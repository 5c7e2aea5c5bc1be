package cn.moralbank.points.deed;

import cn.moralbank.points.deed.api.PhotoId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.rules.RuleId;
import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * A deed (or bad behaviour) as a reporter describes it: the household, the rule, the day it happened, what happened,
 * the photos uploaded for it (see {@link DeedPhotos}) and a witness where the rule asks for one.
 */
public record DeedReport(HouseholdId householdId, RuleId ruleId, LocalDate deedDate, String description,
                         @Nullable List<PhotoId> photos, @Nullable String witness) {
}
