package cn.moralbank.web.verify;

import cn.moralbank.kiosk.api.DonationReceived;
import cn.moralbank.kiosk.api.StockAdjusted;
import cn.moralbank.kiosk.api.StockReleased;
import cn.moralbank.kiosk.api.StockReserved;
import cn.moralbank.kiosk.api.StockReturned;
import cn.moralbank.kiosk.api.StockSold;
import cn.moralbank.points.ledger.api.AccountOpened;
import cn.moralbank.points.ledger.api.BalanceCarriedOver;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.EntryReversed;
import cn.moralbank.points.ledger.api.PointsCredited;
import cn.moralbank.points.ledger.api.PointsDebited;
import cn.moralbank.points.ledger.api.PointsPenalised;
import cn.moralbank.points.ledger.api.PointsTransferredIn;
import cn.moralbank.points.ledger.api.PointsTransferredOut;
import cn.moralbank.points.voucher.api.VoucherIssued;
import cn.moralbank.points.voucher.api.VoucherRedeemed;
import cn.moralbank.points.voucher.api.VoucherRedemptionCancelled;
import cn.moralbank.points.voucher.api.VoucherVoided;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the event store says the views should hold, aggregated by PostgreSQL over the events' JSON payloads (Axon's
 * Jackson serializer writes them as UTF-8 JSON in {@code bytea}): one query per kind of view over a range of the
 * global index (the full scan, a chunk at a time for the progress bar), or over one aggregate's events (a re-check).
 * The sums mirror the projections' handlers: LedgerProjection (an opening's base score is credited and, when above
 * zero, a passbook line; a refused debit changes nothing; a carried-over balance and a transfer in count as credited, a
 * transfer out as debited; an account's closing is no entry), StockViews (a count replaces the book quantity, damage
 * and expiry are written off), VoucherViews (the status of the voucher's last event).
 */
final class EventScan {
    /**
     * The events of the wanted types in the range, with their payload's JSON decoded once per event (OFFSET 0 keeps
     * PostgreSQL from inlining the decoding into every expression that reads it). A NUL escape, which jsonb refuses,
     * is read as U+FFFD: no compared field holds text.
     */
    private static final String DECODED = """
            FROM (SELECT e.aggregate_identifier, e.sequence_number, e.global_index, e.payload_type,
                    (CASE WHEN strpos(e.txt, '\\u0000') = 0 THEN e.txt
                      ELSE replace(e.txt, '\\u0000', '\\ufffd') END)::jsonb AS j
                  FROM (SELECT d.aggregate_identifier, d.sequence_number, d.global_index, d.payload_type,
                          convert_from(d.payload, 'UTF8') AS txt
                        FROM domain_event_entry d WHERE :where AND d.payload_type IN (:types) OFFSET 0) e
                  OFFSET 0) d
            """;

    /**
     * What the rankings count of an account, as RankingProjection does (EntryId's kinds of id): earned, only a deed's
     * settlement and its reversal ({@link EntryId#settlesADeed}); redeemed, a checkout's debit or a voucher issued
     * ({@link EntryId#redeems}), less what comes back ({@link EntryId#returnsRedeemedPoints}: voucher change, refunds)
     * and what is reversed of either. Transfers (合户, 分户) count for neither.
     */
    private static final String RANKED = """
            coalesce(sum((d.j->>'points')::bigint) FILTER (WHERE d.payload_type = :credited
                AND d.j#>>'{entryId,value}' LIKE :deedLike), 0)
              - coalesce(sum((d.j->>'points')::bigint) FILTER (WHERE d.payload_type = :penalised
                AND d.j#>>'{entryId,value}' LIKE :deedLike), 0)
              + coalesce(sum((d.j->>'points')::bigint) FILTER (WHERE d.payload_type = :reversed
                AND d.j->>'originalKind' IN ('CREDIT', 'PENALTY')
                AND d.j#>>'{originalEntryId,value}' LIKE :deedLike), 0),
            coalesce(sum((d.j->>'points')::bigint) FILTER (WHERE d.payload_type = :debited
                AND (d.j#>>'{entryId,value}' LIKE :checkoutLike OR d.j#>>'{entryId,value}' LIKE :voucherLike)), 0)
              - coalesce(sum((d.j->>'points')::bigint) FILTER (WHERE d.payload_type = :credited
                AND (d.j#>>'{entryId,value}' LIKE :checkoutLike OR d.j#>>'{entryId,value}' LIKE :refundLike)), 0)
              - coalesce(sum((d.j->>'points')::bigint) FILTER (WHERE d.payload_type = :reversed
                AND ((d.j->>'originalKind' = 'DEBIT' AND (d.j#>>'{originalEntryId,value}' LIKE :checkoutLike
                        OR d.j#>>'{originalEntryId,value}' LIKE :voucherLike))
                  OR (d.j->>'originalKind' = 'CREDIT' AND (d.j#>>'{originalEntryId,value}' LIKE :checkoutLike
                        OR d.j#>>'{originalEntryId,value}' LIKE :refundLike)))), 0)""";

    private static final String HOUSEHOLDS = """
            SELECT d.aggregate_identifier, max(d.sequence_number), max(d.global_index),
              (array_agg(coalesce((d.j->>'balanceAfter')::bigint, (d.j->>'baseScore')::bigint)
                 ORDER BY d.sequence_number DESC))[1],
              coalesce(sum((d.j->>'points')::bigint) FILTER (WHERE d.payload_type IN (:credited, :carried, :movedIn)), 0)
                + coalesce(sum((d.j->>'baseScore')::bigint) FILTER (WHERE d.payload_type = :opened), 0),
              coalesce(sum((d.j->>'points')::bigint) FILTER (WHERE d.payload_type = :penalised), 0),
              coalesce(sum((d.j->>'points')::bigint) FILTER (WHERE d.payload_type IN (:debited, :movedOut)), 0),
              coalesce(sum((d.j->>'points')::bigint) FILTER (WHERE d.payload_type = :reversed), 0),
              count(*) FILTER (WHERE d.payload_type <> :opened),
              count(*) FILTER (WHERE d.payload_type <> :opened OR (d.j->>'baseScore')::bigint > 0),
              coalesce(sum(CASE WHEN d.payload_type = :opened THEN (d.j->>'baseScore')::bigint
                WHEN d.payload_type IN (:penalised, :debited, :movedOut) THEN -(d.j->>'points')::bigint
                ELSE (d.j->>'points')::bigint END), 0),
              count(*) FILTER (WHERE d.payload_type = :opened),
              """ + RANKED + """
            """ + DECODED + """
            GROUP BY d.aggregate_identifier""";

    private static final String STOCK = """
            SELECT (d.j#>>'{supermarketId,value}')::bigint AS shop,
              coalesce(l.line#>>'{productId,value}', d.j#>>'{productId,value}')::bigint AS product,
              max(d.global_index),
              sum(CASE WHEN d.payload_type IN (:donated, :returned) THEN q.n WHEN d.payload_type = :sold THEN -q.n
                WHEN d.payload_type = :adjusted THEN (d.j->>'change')::bigint ELSE 0 END),
              sum(CASE WHEN d.payload_type = :reserved THEN q.n WHEN d.payload_type IN (:released, :sold) THEN -q.n
                ELSE 0 END),
              sum(CASE WHEN d.payload_type = :donated THEN q.n ELSE 0 END),
              sum(CASE WHEN d.payload_type = :sold THEN q.n ELSE 0 END),
              sum(CASE WHEN d.payload_type = :returned THEN q.n ELSE 0 END),
              sum(CASE WHEN d.payload_type = :adjusted AND d.j->>'kind' <> 'COUNTED'
                THEN -(d.j->>'change')::bigint ELSE 0 END),
              sum(CASE WHEN d.payload_type = :adjusted AND d.j->>'kind' = 'COUNTED'
                THEN (d.j->>'change')::bigint ELSE 0 END)
            """ + DECODED + """
            LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN d.payload_type <> :adjusted THEN d.j->'lines' END)
              AS l(line) ON true
            CROSS JOIN LATERAL (SELECT (l.line->>'quantity')::bigint AS n) q
            GROUP BY 1, 2""";

    private static final String VOUCHERS = """
            SELECT d.aggregate_identifier, max(d.sequence_number), max(d.global_index),
              (array_agg(d.payload_type ORDER BY d.sequence_number DESC))[1],
              max(d.j#>>'{householdId,value}') FILTER (WHERE d.payload_type = :issued),
              max((d.j->>'points')::bigint) FILTER (WHERE d.payload_type = :issued),
              max(d.j->>'villagePath') FILTER (WHERE d.payload_type = :issued)
            """ + DECODED + """
            GROUP BY d.aggregate_identifier""";

    /**
     * Transfers whose halves disagree, over the whole store: each transfer out ({@code transfer:<id>:out}) must have
     * its transfer in ({@code transfer:<id>:in}) on the household it named, from the household it left, with the same
     * points, or have been reversed on the source (the receiving account closed in between, see Ledger.transfer);
     * a transfer in must have its out. Answers the transfer's id, its source, what left and what arrived (null for
     * none). {@code :only} narrows it to one transfer id, or is true.
     */
    private static final String TRANSFERS = """
            WITH t AS (
              SELECT d.payload_type AS type, d.j#>>'{householdId,value}' AS household,
                regexp_replace(coalesce(d.j#>>'{entryId,value}', d.j#>>'{originalEntryId,value}'),
                  '^transfer:(.*):(out|in)$', '\\1') AS transfer,
                coalesce(d.j#>>'{to,value}', d.j#>>'{from,value}') AS other,
                (d.j->>'points')::bigint AS points
            """ + DECODED + """
              WHERE d.payload_type <> :reversed OR d.j->>'originalKind' = 'TRANSFER_OUT'),
            o AS (SELECT transfer, household, other, sum(points)::bigint AS points FROM t WHERE type = :movedOut
                  GROUP BY 1, 2, 3),
            i AS (SELECT transfer, household, other, sum(points)::bigint AS points FROM t WHERE type = :movedIn
                  GROUP BY 1, 2, 3),
            r AS (SELECT transfer, household, sum(points)::bigint AS points FROM t WHERE type = :reversed GROUP BY 1, 2)
            SELECT coalesce(o.transfer, i.transfer), coalesce(o.household, i.other), o.points, i.points
            FROM o FULL JOIN i ON i.transfer = o.transfer AND i.household = o.other AND i.other = o.household
            LEFT JOIN r ON r.transfer = o.transfer AND r.household = o.household
            WHERE (:only)
              AND NOT (o.points IS NOT NULL AND i.points IS NOT NULL AND o.points = i.points AND r.points IS NULL)
              AND NOT (o.points IS NOT NULL AND i.points IS NULL AND r.points = o.points)""";

    static final String IN_RANGE = "d.global_index > ? AND d.global_index <= ?";
    static final String OF_AGGREGATE = "d.aggregate_identifier = ?";

    private EventScan() {
    }

    static void households(Connection connection, String where, List<Object> arguments, Facts facts)
            throws SQLException {
        String sql = HOUSEHOLDS.replace(":where", where)
                .replace(":types", ":opened, :credited, :penalised, :debited, :reversed, :carried, :movedOut, :movedIn")
                .replace(":carried", quote(BalanceCarriedOver.class))
                .replace(":movedOut", quote(PointsTransferredOut.class))
                .replace(":movedIn", quote(PointsTransferredIn.class))
                .replace(":opened", quote(AccountOpened.class)).replace(":credited", quote(PointsCredited.class))
                .replace(":penalised", quote(PointsPenalised.class)).replace(":debited", quote(PointsDebited.class))
                .replace(":reversed", quote(EntryReversed.class))
                .replace(":deedLike", "'" + EntryId.DEED + "%'").replace(":checkoutLike", "'" + EntryId.CHECKOUT + "%'")
                .replace(":voucherLike", "'" + EntryId.VOUCHER + "%'").replace(":refundLike", "'" + EntryId.REFUND + "%'");
        run(connection, sql, arguments, rs -> facts.household(rs.getString(1)).add(rs));
    }

    static void stock(Connection connection, String where, List<Object> arguments, Facts facts) throws SQLException {
        String sql = STOCK.replace(":where", where)
                .replace(":types", ":donated, :adjusted, :reserved, :released, :sold, :returned")
                .replace(":donated", quote(DonationReceived.class)).replace(":adjusted", quote(StockAdjusted.class))
                .replace(":reserved", quote(StockReserved.class)).replace(":released", quote(StockReleased.class))
                .replace(":sold", quote(StockSold.class)).replace(":returned", quote(StockReturned.class));
        run(connection, sql, arguments, rs -> facts.stock(rs.getLong(1), rs.getLong(2)).add(rs));
    }

    static void vouchers(Connection connection, String where, List<Object> arguments, Facts facts)
            throws SQLException {
        String sql = VOUCHERS.replace(":where", where)
                .replace(":types", ":issued, :redeemed, :cancelled, :voided")
                .replace(":issued", quote(VoucherIssued.class)).replace(":redeemed", quote(VoucherRedeemed.class))
                .replace(":cancelled", quote(VoucherRedemptionCancelled.class))
                .replace(":voided", quote(VoucherVoided.class));
        run(connection, sql, arguments, rs -> facts.voucher(rs.getString(1)).add(rs));
    }

    /** A transfer whose halves disagree: what left its source and what reached the other household (null: none). */
    record UnpairedTransfer(String transferId, String source, Long out, Long in) {
    }

    /** Every unpaired transfer in the snapshot, or the one named (null for all). */
    static List<UnpairedTransfer> transfers(Connection connection, String transferId) throws SQLException {
        String sql = TRANSFERS.replace(":where", "true")
                .replace(":types", ":movedOut, :movedIn, :reversed")
                .replace(":only", transferId == null ? "true" : "coalesce(o.transfer, i.transfer) = ?")
                .replace(":movedOut", quote(PointsTransferredOut.class))
                .replace(":movedIn", quote(PointsTransferredIn.class))
                .replace(":reversed", quote(EntryReversed.class));
        List<UnpairedTransfer> found = new ArrayList<>();
        run(connection, sql, transferId == null ? List.of() : List.of(transferId), rs -> found.add(
                new UnpairedTransfer(rs.getString(1), rs.getString(2), (Long) rs.getObject(3), (Long) rs.getObject(4))));
        return found;
    }

    /** The status a voucher's view shows after an event of this payload type. */
    static String statusAfter(String payloadType) {
        if (payloadType.equals(VoucherRedeemed.class.getName())) {
            return "REDEEMED";
        }
        if (payloadType.equals(VoucherVoided.class.getName())) {
            return "VOIDED";
        }
        return "ISSUED";
    }

    static List<String> payloadTypes() {
        return Stream.of(AccountOpened.class, PointsCredited.class, PointsPenalised.class, PointsDebited.class,
                EntryReversed.class, BalanceCarriedOver.class, PointsTransferredOut.class, PointsTransferredIn.class,
                DonationReceived.class, StockAdjusted.class, StockReserved.class,
                StockReleased.class, StockSold.class, StockReturned.class, VoucherIssued.class, VoucherRedeemed.class,
                VoucherRedemptionCancelled.class, VoucherVoided.class).map(Class::getName)
                .collect(Collectors.toList());
    }

    private static String quote(Class<?> type) {
        return "'" + type.getName() + "'";
    }

    interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    static void run(Connection connection, String sql, List<Object> arguments, Row row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(5_000);
            for (int i = 0; i < arguments.size(); i++) {
                statement.setObject(i + 1, arguments.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }
}
