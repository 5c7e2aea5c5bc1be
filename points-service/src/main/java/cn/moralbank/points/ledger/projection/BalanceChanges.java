package cn.moralbank.points.ledger.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one batch of ledger events changes on the households' balances, summed per household: one upsert per
 * household and batch instead of one per event. A household's events arrive in order, so its last balance and
 * last entry time are the batch's own. Households are kept sorted, the lock order every batch shares.
 */
final class BalanceChanges {
    private final Map<String, long[]> sums = new TreeMap<>();
    private final Map<String, Instant> lastAt = new TreeMap<>();

    private static final int BALANCE = 0;
    private static final int CREDITED = 1;
    private static final int PENALISED = 2;
    private static final int DEBITED = 3;
    private static final int REVERSED = 4;
    private static final int ENTRIES = 5;

    void record(String householdId, long balanceAfter, long credited, long penalised, long debited, long reversed,
                int entries, Instant at) {
        long[] sum = sums.computeIfAbsent(householdId, k -> new long[ENTRIES + 1]);
        sum[BALANCE] = balanceAfter;
        sum[CREDITED] += credited;
        sum[PENALISED] += penalised;
        sum[DEBITED] += debited;
        sum[REVERSED] += reversed;
        sum[ENTRIES] += entries;
        lastAt.put(householdId, at);
    }

    /** The upsert's arguments, one row per household in key order (see {@link AccountBalanceRepository#record}). */
    List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>(sums.size());
        sums.forEach((household, sum) -> rows.add(new Object[]{household, sum[BALANCE], sum[CREDITED],
                sum[PENALISED], sum[DEBITED], sum[REVERSED], (int) sum[ENTRIES], lastAt.get(household)}));
        return rows;
    }

    static final String UPSERT = """
            INSERT INTO account_balance (household_id, balance, credited, penalised, debited, reversed, entries,
              last_entry_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (household_id) DO UPDATE SET
              balance = excluded.balance,
              credited = account_balance.credited + excluded.credited,
              penalised = account_balance.penalised + excluded.penalised,
              debited = account_balance.debited + excluded.debited,
              reversed = account_balance.reversed + excluded.reversed,
              entries = account_balance.entries + excluded.entries,
              last_entry_at = excluded.last_entry_at""";
}
