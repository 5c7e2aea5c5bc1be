package cn.moralbank.kiosk.model;

import cn.moralbank.points.testing.Sql;

/**
 * Invariant 1, the county's conservation of points, read twice and independently: from the event store's payloads
 * (ledger, vouchers and stock book) and from the read models (balances, passbook, voucher view, sales).
 *
 * <p>The identity, as the code moves points: issuing a voucher debits the account ({@code voucher:<serial>}), voiding
 * it reverses that debit; a checkout debits the card ({@code checkout:<id>}) for what the vouchers do not pay and
 * credits the change a voucher leaves ({@code checkout:<id>:change}); a refund reverses the card's debit
 * ({@code refund:<id>}) and credits what the vouchers paid ({@code refund:<id>:vouchers}). So, for the county and for
 * each household whose vouchers it spends itself:
 *
 * <pre>granted = held + redeemed + unspent</pre>
 *
 * granted: base scores, credits and penalties (deeds, administrators) and their reversals; held: balances;
 * redeemed: the points of goods sold and not returned; unspent: vouchers issued and neither spent nor voided.
 */
final class Conservation {
    record Figures(long granted, long held, long redeemed, long unspent) {
        boolean balanced() {
            return granted == held + redeemed + unspent;
        }
    }

    private static final String EVENTS = "(SELECT payload_type, aggregate_identifier, sequence_number, "
            + "convert_from(payload, 'UTF8')::jsonb AS j FROM domain_event_entry)";

    private final Sql sql;

    Conservation(Sql sql) {
        this.sql = sql;
    }

    /** From the event store; {@code household} null for the whole county. */
    Figures fromEvents(String household) {
        String h = household == null ? "" : household;
        boolean all = household == null;
        long granted = sql.count("SELECT coalesce(sum(CASE"
                + " WHEN payload_type LIKE '%.AccountOpened' THEN (j->>'baseScore')::bigint"
                + " WHEN payload_type LIKE '%.PointsCredited' AND j->'entryId'->>'value' NOT LIKE 'checkout:%'"
                + "   AND j->'entryId'->>'value' NOT LIKE 'refund:%' THEN (j->>'points')::bigint"
                + " WHEN payload_type LIKE '%.PointsPenalised' THEN -(j->>'points')::bigint"
                + " WHEN payload_type LIKE '%.EntryReversed' AND j->>'originalKind' IN ('CREDIT', 'PENALTY')"
                + "   THEN (j->>'points')::bigint ELSE 0 END), 0) FROM " + EVENTS + " e"
                + " WHERE payload_type LIKE '%.ledger.api.%' AND (? OR j->'householdId'->>'value' = ?)", all, h);
        long held = sql.count("SELECT coalesce(sum(CASE"
                + " WHEN payload_type LIKE '%.AccountOpened' THEN (j->>'baseScore')::bigint"
                + " WHEN payload_type LIKE '%.PointsCredited' THEN (j->>'points')::bigint"
                + " WHEN payload_type LIKE '%.PointsPenalised' THEN -(j->>'points')::bigint"
                + " WHEN payload_type LIKE '%.PointsDebited' THEN -(j->>'points')::bigint"
                + " WHEN payload_type LIKE '%.EntryReversed' THEN (j->>'points')::bigint ELSE 0 END), 0)"
                + " FROM " + EVENTS + " e"
                + " WHERE payload_type LIKE '%.ledger.api.%' AND (? OR j->'householdId'->>'value' = ?)", all, h);
        long redeemed = sql.count("SELECT coalesce(sum(CASE WHEN payload_type LIKE '%.StockSold' THEN 1 ELSE -1 END"
                + " * (l->>'quantity')::bigint * (l->>'unitPoints')::bigint), 0)"
                + " FROM " + EVENTS + " e, jsonb_array_elements(j->'lines') l"
                + " WHERE (payload_type LIKE '%.StockSold' OR payload_type LIKE '%.StockReturned')"
                + " AND (? OR j->'householdId'->>'value' = ?)", all, h);
        long unspent = sql.count("SELECT coalesce(sum((i.j->>'points')::bigint), 0)"
                + " FROM " + EVENTS + " i JOIN LATERAL (SELECT payload_type FROM domain_event_entry l"
                + "   WHERE l.aggregate_identifier = i.aggregate_identifier ORDER BY sequence_number DESC LIMIT 1) last"
                + "   ON true"
                + " WHERE i.payload_type LIKE '%.VoucherIssued'"
                + " AND (last.payload_type LIKE '%.VoucherIssued'"
                + "   OR last.payload_type LIKE '%.VoucherRedemptionCancelled')"
                + " AND (? OR i.j->'householdId'->>'value' = ?)", all, h);
        return new Figures(granted, held, redeemed, unspent);
    }

    /** From the read models; {@code household} null for the whole county. */
    Figures fromReadModels(String household) {
        String h = household == null ? "" : household;
        boolean all = household == null;
        long granted = sql.count("SELECT coalesce(sum(p.points), 0) FROM passbook_entry p"
                + " LEFT JOIN passbook_entry o ON p.kind = 'REVERSAL' AND o.household_id = p.household_id"
                + "   AND o.entry_id = p.source"
                + " WHERE (? OR p.household_id = ?) AND (p.kind = 'OPENING'"
                + "   OR (p.kind IN ('CREDIT', 'PENALTY') AND p.entry_id NOT LIKE 'checkout:%'"
                + "       AND p.entry_id NOT LIKE 'refund:%')"
                + "   OR (p.kind = 'REVERSAL' AND o.kind IN ('CREDIT', 'PENALTY')))", all, h);
        long held = sql.count("SELECT coalesce(sum(balance), 0) FROM account_balance WHERE ? OR household_id = ?",
                all, h);
        long redeemed = sql.count("SELECT coalesce(sum(points), 0) FROM sale_line_view"
                + " WHERE returned_at IS NULL AND (? OR household_id = ?)", all, h);
        long unspent = sql.count("SELECT coalesce(sum(points), 0) FROM voucher_view"
                + " WHERE status = 'ISSUED' AND (? OR household_id = ?)", all, h);
        return new Figures(granted, held, redeemed, unspent);
    }
}
