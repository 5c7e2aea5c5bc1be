package cn.moralbank.points.ledger.api;

public record PointsDebited(HouseholdId householdId, EntryId entryId, long points, String source, String reason,
                            long balanceAfter) {
}
