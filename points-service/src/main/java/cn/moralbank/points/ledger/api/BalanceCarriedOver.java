package cn.moralbank.points.ledger.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.LocalDate;

/** The opening balance carried over from the paper passbook (期初积分), with its number and the date it was read. */
@DomainEvent
public record BalanceCarriedOver(HouseholdId householdId, EntryId entryId, long points, String passbookNumber,
                                 LocalDate asOf, String reason, long balanceAfter) {
}
