package cn.moralbank.points.ledger.api;

/** Points that left this account for another household's; that passbook shows the matching transfer in. */
public record PointsTransferredOut(HouseholdId householdId, EntryId entryId, long points, HouseholdId to,
                                   String reason, long balanceAfter) {
}
