package cn.moralbank.points.ledger;

import cn.moralbank.points.ledger.api.HouseholdId;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The remembered entries in a map, for the account's given/when/then tests (which have no database). */
final class EntriesInMemory implements RememberedEntries {
    private final Map<String, RememberedEntry> entries = new HashMap<>();

    /** Books the entries of events given as the account's history, as its command handlers booked them. */
    void given(Object... events) {
        for (Object event : events) {
            HouseholdId household = householdOf(event);
            RememberedEntry.bookedBy(event).ifPresent(entry -> {
                remember(household, entry);
                if (entry.original() != null) {
                    reversed(household, entry.original(), entry.id());
                }
            });
        }
    }

    @Override
    public Optional<RememberedEntry> find(HouseholdId household, String entryId) {
        return Optional.ofNullable(entries.get(key(household, entryId)));
    }

    @Override
    public void remember(HouseholdId household, RememberedEntry entry) {
        if (entries.putIfAbsent(key(household, entry.id()), entry) != null) {
            throw new IllegalStateException("booked twice: " + entry.id());
        }
    }

    @Override
    public void reversed(HouseholdId household, String entryId, String reversalId) {
        RememberedEntry e = entries.get(key(household, entryId));
        if (e == null || e.reversedBy() != null) {
            throw new IllegalStateException("not reversible: " + entryId);
        }
        entries.put(key(household, entryId), new RememberedEntry(e.id(), e.kind(), e.requested(), e.change(),
                e.original(), reversalId, e.balanceAfter(), e.refused()));
    }

    @Override
    public boolean anyLive(HouseholdId household) {
        String prefix = household.value() + "/";
        return entries.entrySet().stream().anyMatch(e -> e.getKey().startsWith(prefix) && e.getValue().live());
    }

    private static String key(HouseholdId household, String entryId) {
        return household.value() + "/" + entryId;
    }

    /** Every ledger event names its household first. */
    private static HouseholdId householdOf(Object event) {
        try {
            return (HouseholdId) event.getClass().getMethod("householdId").invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("not a ledger event: " + event, e);
        }
    }
}
