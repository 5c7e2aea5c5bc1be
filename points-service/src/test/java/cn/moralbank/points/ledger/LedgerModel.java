package cn.moralbank.points.ledger;

import cn.moralbank.points.ledger.api.EntryKind;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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
    final Set<String> closed = new HashSet<>();
    private static final Expected REFUSED = new Expected(true, false, false, 0);

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
        if (closed.contains(household)) {
            return REFUSED;
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
        if (closed.contains(household) || target == null || !target.applied() || target.kind() == EntryKind.REVERSAL || target.reversedBy() != null
                || original.contains(":") && !reversalId.contains(":")) {
            return new Expected(true, false, false, balances.get(household));
        }
        long change = switch (target.kind()) {
            case CREDIT -> -target.points();
            case PENALTY, DEBIT, TRANSFER_OUT -> target.points();
            case CARRIED_OVER, TRANSFER_IN -> -target.points();
            default -> 0;
        };
        long after = balances.get(household) + change;
        balances.put(household, after);
        seen.put(original, new Entry(target.kind(), target.points(), true, target.balanceAfter(), reversalId));
        seen.put(reversalId, new Entry(EntryKind.REVERSAL, 0, true, after, null));
        return new Expected(false, true, false, after);
    }

    /** 期初积分: refused on a closed account or one with a live entry; the same id again is a repeat. */
    Expected carryOver(String household, String id, long points) {
        Map<String, Entry> seen = entries.get(household);
        Entry earlier = seen.get(id);
        if (earlier != null) {
            return earlier.kind() == EntryKind.CARRIED_OVER && earlier.points() == points
                    ? new Expected(false, true, true, earlier.balanceAfter()) : REFUSED;
        }
        boolean live = seen.values().stream().anyMatch(e -> e.applied() && e.kind() != EntryKind.REVERSAL
                && e.reversedBy() == null);
        if (closed.contains(household) || live) {
            return REFUSED;
        }
        long after = balances.get(household) + points;
        balances.put(household, after);
        seen.put(id, new Entry(EntryKind.CARRIED_OVER, points, true, after, null));
        return new Expected(false, true, false, after);
    }

    /** A split's transfer between two open accounts: refused beyond the balance, else both halves booked. */
    Expected transfer(String from, String to, String transferId, long points) {
        long balance = balances.get(from);
        if (closed.contains(from) || closed.contains(to) || from.equals(to) || balance < points) {
            return REFUSED;
        }
        long after = balance - points;
        balances.put(from, after);
        entries.get(from).put("transfer:" + transferId + ":out",
                new Entry(EntryKind.TRANSFER_OUT, points, true, after, null));
        long in = balances.get(to) + points;
        balances.put(to, in);
        entries.get(to).put("transfer:" + transferId + ":in", new Entry(EntryKind.TRANSFER_IN, points, true, in, null));
        return new Expected(false, true, false, after);
    }

    /** A merge: the whole (non-negative) balance moves to the other household, and the merged account closes. */
    Expected merge(String merged, String into, String transferId) {
        long balance = balances.get(merged);
        if (closed.contains(merged) || closed.contains(into) || merged.equals(into) || balance < 0) {
            return REFUSED;
        }
        if (balance > 0) {
            entries.get(merged).put("transfer:" + transferId + ":out",
                    new Entry(EntryKind.TRANSFER_OUT, balance, true, 0, null));
            long in = balances.get(into) + balance;
            balances.put(into, in);
            entries.get(into).put("transfer:" + transferId + ":in",
                    new Entry(EntryKind.TRANSFER_IN, balance, true, in, null));
        }
        balances.put(merged, 0L);
        closed.add(merged);
        return new Expected(false, true, false, 0);
    }
}
