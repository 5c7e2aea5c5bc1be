package cn.moralbank.points.ledger;

import cn.moralbank.points.ledger.api.HouseholdId;
import org.jmolecules.architecture.onion.simplified.DomainRing;

import java.util.Optional;

/**
 * Every entry each household account has booked, by entry id (a retry years later is still recognised), looked up
 * only when a command asks for that id. The account's command handlers are given it by Axon, as a parameter; they
 * write to it in the command's own transaction, so an event is never stored without its entry, nor an entry without
 * its event. On PostgreSQL it is the table {@code ledger_entry} (infra); in the aggregate's tests, a map.
 */
@DomainRing
public interface RememberedEntries {

    Optional<RememberedEntry> find(HouseholdId household, String entryId);

    /** A new entry, just booked by the account. */
    void remember(HouseholdId household, RememberedEntry entry);

    /** The entry {@code entryId} was undone by the reversal {@code reversalId}. */
    void reversed(HouseholdId household, String entryId, String reversalId);

    /** Whether any of the household's entries still counts (see {@link RememberedEntry#live()}). */
    boolean anyLive(HouseholdId household);
}
