package cn.moralbank.points.ledger.api;

/** Points that came from another household's account (a merge or a split). */
public record PointsTransferredIn(HouseholdId householdId, EntryId entryId, long points, HouseholdId from,
                                  String reason, long balanceAfter) {
}
