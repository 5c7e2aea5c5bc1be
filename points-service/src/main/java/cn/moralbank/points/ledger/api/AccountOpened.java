package cn.moralbank.points.ledger.api;

public record AccountOpened(HouseholdId householdId, long baseScore) {
}
