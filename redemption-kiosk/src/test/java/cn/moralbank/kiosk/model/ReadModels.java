package cn.moralbank.kiosk.model;

import cn.moralbank.points.testing.Sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every table of every replayable projection (streaming processors; {@code deed-limits} runs in the command's
 * transaction and is not replayed), by processor, as text in a fixed order: a live projection and the same one
 * rebuilt by a replay must read alike.
 */
final class ReadModels {
    static final Map<String, List<String>> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("ledger-passbook", List.of("account_balance", "passbook_entry"));
        TABLES.put("deed-views", List.of("deed_view", "deed_vote", "review_session_view", "review_session_item"));
        TABLES.put("rankings", List.of("ranking_household", "ranking_region", "ranking_region_size", "ranking_deed",
                "ranking_household_place"));
        TABLES.put("rating-views", List.of("rating_round_view", "rating_result_view", "rating_change_view"));
        TABLES.put("voucher-views", List.of("voucher_view"));
        TABLES.put("kiosk-stock-views", List.of("stock_level", "donation_line_view", "stock_adjustment_view"));
        TABLES.put("kiosk-sales-views", List.of("sale_line_view"));
    }

    private ReadModels() {
    }

    static Map<String, String> snapshot(Sql sql) {
        Map<String, String> rows = new LinkedHashMap<>();
        TABLES.forEach((processor, tables) -> tables.forEach(table -> rows.put(processor + "/" + table,
                String.valueOf(sql.single("SELECT count(*) || E'\\n' || coalesce(string_agg(t::text, E'\\n' "
                        + "ORDER BY t::text), '') FROM " + table + " t")))));
        rows.put("kiosk-view-positions", String.valueOf(sql.single("SELECT coalesce(string_agg(p::text, E'\\n' "
                + "ORDER BY p::text), '') FROM kiosk_view_position p")));
        return rows;
    }
}
