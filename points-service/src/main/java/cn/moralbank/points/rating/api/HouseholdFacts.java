package cn.moralbank.points.rating.api;

import org.jmolecules.ddd.annotation.ValueObject;

import java.util.List;

/**
 * What the projections say about a household's year: points of confirmed deeds by civilisation (in the order of the
 * five civilisations), points taken for bad behaviour, and points earned.
 */
@ValueObject
public record HouseholdFacts(String householdId, String name, String gridPath, List<Long> categoryPoints,
                             long penalised, long earned) {
}
