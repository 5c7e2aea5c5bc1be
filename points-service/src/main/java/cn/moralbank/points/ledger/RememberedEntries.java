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
 * {@code :._-} only, so neither separator can occur in them. Read back with two loops over the line, an account of
 * ten years loads in about the time of a new one; the same entries as JSON objects with field names took about four
 * times as long (docs/performance.md).
 */
final class RememberedEntries {
    private static final char ENTRY = ' ';
    private static final char FIELD = ',';

    private final Map<String, HouseholdAccount.Entry> byId;

    RememberedEntries() {
        this(new HashMap<>());
    }

    private RememberedEntries(Map<String, HouseholdAccount.Entry> byId) {
        this.byId = byId;
    }

    HouseholdAccount.Entry get(String id) {
        return byId.get(id);
    }

    void put(String id, HouseholdAccount.Entry entry) {
        byId.put(id, entry);
    }

    @JsonValue
    String packed() {
        StringBuilder line = new StringBuilder(byId.size() * 64);
        byId.forEach((id, e) -> {
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
        Map<String, HouseholdAccount.Entry> byId = new HashMap<>();
        int start = 0;
        while (start < line.length()) {
            int end = line.indexOf(ENTRY, start);
            if (end < 0) {
                end = line.length();
            }
            String[] f = new String[8];
            int from = start;
            for (int i = 0; i < 7; i++) {
                int comma = line.indexOf(FIELD, from);
                f[i] = line.substring(from, comma);
                from = comma + 1;
            }
            f[7] = line.substring(from, end);
            byId.put(f[0], new HouseholdAccount.Entry(EntryKind.valueOf(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), emptyToNull(f[4]), emptyToNull(f[5]), Long.parseLong(f[6]),
                    "1".equals(f[7])));
            start = end + 1;
        }
        return new RememberedEntries(byId);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
