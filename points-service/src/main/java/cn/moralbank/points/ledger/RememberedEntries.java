package cn.moralbank.points.ledger;

import cn.moralbank.points.ledger.api.EntryKind;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.HashMap;
import java.util.Map;

/**
 * Every entry a household account has seen, by entry id, for its whole life (a retry years later is still
 * recognised). In a snapshot it is one line of text, entries separated by a space and fields by a comma, empty for
 * none: {@code id,kind,requested,change,original,reversedBy,balanceAfter,refused}. Entry ids are letters, digits and
 * {@code :._-} only, so neither separator can occur in them.
 *
 * <p>The line read from a snapshot is kept as it is, and an entry is looked up in it only when a command asks for
 * that id (one scan of the text); entries booked since the snapshot sit in a map in front of it. So a load builds no
 * object per entry, and a cached account holds one string instead of thousands of them. What a ten-year account's
 * load still costs more than a new one's is the line's bytes, read and decoded (docs/performance.md).
 */
final class RememberedEntries {
    private static final char ENTRY = ' ';
    private static final char FIELD = ',';

    /** The entries as the snapshot had them. */
    private final String snapshot;
    /** Entries booked (or changed, by a reversal) since the snapshot: they win over the line. */
    private final Map<String, HouseholdAccount.Entry> since = new HashMap<>();

    RememberedEntries() {
        this("");
    }

    private RememberedEntries(String snapshot) {
        this.snapshot = snapshot;
    }

    HouseholdAccount.Entry get(String id) {
        HouseholdAccount.Entry recent = since.get(id);
        return recent != null ? recent : find(id);
    }

    void put(String id, HouseholdAccount.Entry entry) {
        since.put(id, entry);
    }

    /** Whether any entry still counts: applied, not a reversal, and not reversed since (the opening excepted). */
    boolean anyLive() {
        java.util.Set<String> seen = new java.util.HashSet<>(since.keySet());
        for (HouseholdAccount.Entry e : since.values()) {
            if (live(e)) {
                return true;
            }
        }
        boolean[] found = {false};
        forEachInSnapshot((id, from, to) -> found[0] |= !seen.contains(id) && live(parse(from, to)));
        return found[0];
    }

    private static boolean live(HouseholdAccount.Entry e) {
        return !e.refused() && e.kind() != EntryKind.REVERSAL && e.reversedBy() == null;
    }

    @JsonValue
    String packed() {
        Map<String, HouseholdAccount.Entry> all = new HashMap<>();
        forEachInSnapshot((id, from, to) -> all.put(id, parse(from, to)));
        all.putAll(since);
        StringBuilder line = new StringBuilder(all.size() * 64);
        all.forEach((id, e) -> {
            if (!line.isEmpty()) {
                line.append(ENTRY);
            }
            line.append(id).append(FIELD).append(e.kind().name()).append(FIELD).append(e.requested()).append(FIELD)
                    .append(e.change()).append(FIELD).append(orEmpty(e.original())).append(FIELD)
                    .append(orEmpty(e.reversedBy())).append(FIELD).append(e.balanceAfter()).append(FIELD)
                    .append(e.refused() ? '1' : '0');
        });
        return line.toString();
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RememberedEntries unpack(String line) {
        return new RememberedEntries(line);
    }

    /** The entry of this id in the snapshot's line: where the id stands at the start of an entry, then a comma. */
    private HouseholdAccount.Entry find(String id) {
        for (int at = snapshot.indexOf(id); at >= 0; at = snapshot.indexOf(id, at + 1)) {
            int after = at + id.length();
            boolean starts = at == 0 || snapshot.charAt(at - 1) == ENTRY;
            if (starts && after < snapshot.length() && snapshot.charAt(after) == FIELD) {
                int end = snapshot.indexOf(ENTRY, after);
                return parse(at, end < 0 ? snapshot.length() : end);
            }
        }
        return null;
    }

    private interface EntrySpan {
        void accept(String id, int from, int to);
    }

    private void forEachInSnapshot(EntrySpan action) {
        int from = 0;
        while (from < snapshot.length()) {
            int end = snapshot.indexOf(ENTRY, from);
            if (end < 0) {
                end = snapshot.length();
            }
            action.accept(snapshot.substring(from, snapshot.indexOf(FIELD, from)), from, end);
            from = end + 1;
        }
    }

    /** The entry written between {@code from} and {@code to} of the snapshot's line. */
    private HouseholdAccount.Entry parse(int from, int to) {
        String[] f = new String[8];
        int at = from;
        for (int i = 0; i < 7; i++) {
            int comma = snapshot.indexOf(FIELD, at);
            f[i] = snapshot.substring(at, comma);
            at = comma + 1;
        }
        f[7] = snapshot.substring(at, to);
        return new HouseholdAccount.Entry(EntryKind.valueOf(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                emptyToNull(f[4]), emptyToNull(f[5]), Long.parseLong(f[6]), "1".equals(f[7]));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
