package cn.moralbank.points.ledger;

import cn.moralbank.points.ledger.api.EntryKind;

import java.util.HashMap;
import java.util.Map;

/**
 * A small in-memory reference of what the ledger promises, to compare the real one with after every step: balances,
 * the entries each id booked, what a retry must answer, what a reversal must do.
 */
final class LedgerModel {
    record Entry(EntryKind kind, long points, boolean applied, long balanceAfter, String reversedBy) {
    }

    record Expected(boolean refusedAsInvalid, boolean applied, boolean repeated, long balanceAfter) {
    }

    final Map<String, Long> balances = new HashMap<>();
    final Map<String, Map<String, Entry>> entries = new HashMap<>();

    void open(String household, long base) {
        balances.put(household, base);
        entries.put(household, new HashMap<>());
    }

    Expected book(String household, EntryKind kind, String id, long points) {
        Map<String, Entry> seen = entries.get(household);
        Entry earlier = seen.get(id);
        if (earlier != null) {
            if (earlier.kind() != kind || earlier.points() != points) {
                return new Expected(true, false, false, balances.get(household));
            }
            return new Expected(false, earlier.applied(), true, earlier.balanceAfter());
        }
        long balance = balances.get(household);
        long after = switch (kind) {
            case CREDIT -> balance + points;
            case PENALTY -> balance - points;
            case DEBIT -> balance >= points ? balance - points : balance;
            default -> throw new IllegalArgumentException(kind.name());
        };
        boolean applied = kind != EntryKind.DEBIT || balance >= points;
        balances.put(household, after);
        seen.put(id, new Entry(kind, points, applied, after, null));
        return new Expected(false, applied, false, after);
    }

    Expected reverse(String household, String reversalId, String original) {
        Map<String, Entry> seen = entries.get(household);
        Entry earlier = seen.get(reversalId);
        if (earlier != null) {
            return earlier.kind() == EntryKind.REVERSAL
                    ? new Expected(false, true, true, earlier.balanceAfter())
                    : new Expected(true, false, false, balances.get(household));
        }
        Entry target = seen.get(original);
        if (target == null || !target.applied() || target.kind() == EntryKind.REVERSAL || target.reversedBy() != null) {
            return new Expected(true, false, false, balances.get(household));
        }
        long change = switch (target.kind()) {
            case CREDIT -> -target.points();
            case PENALTY, DEBIT -> target.points();
            default -> 0;
        };
        long after = balances.get(household) + change;
        balances.put(household, after);
        seen.put(original, new Entry(target.kind(), target.points(), true, target.balanceAfter(), reversalId));
        seen.put(reversalId, new Entry(EntryKind.REVERSAL, 0, true, after, null));
        return new Expected(false, true, false, after);
    }
}
