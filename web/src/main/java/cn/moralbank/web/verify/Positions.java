package cn.moralbank.web.verify;

import cn.moralbank.points.infra.axon.ProjectionProcessors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.Segment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far each projection has got, per segment, read from the tokens of the processor that handles it in
 * {@code token_entry} (Jackson JSON of Axon's tracking tokens): the one live processor, or the projection's own with
 * {@code processor-per-projection} ({@link ProjectionProcessors}). Events a projection had before a hand-over of
 * its tokens are not counted (a bound lower than the view's, so a view is compared later, never wrongly). A segment has handled every event up to its lower bound: the token's index, or just below its
 * lowest gap (an index it has not seen yet, whose transaction may still commit). An aggregate's view is compared
 * only when all its events lie at or below the bound of the segment its events go to (Axon's per-aggregate sequencing:
 * the segment that matches the aggregate's identifier); read in the same snapshot as the views, the view then holds
 * exactly those events, since a projection commits its rows and its token together.
 */
final class Positions {
    static final String LEDGER = "ledger-passbook";
    static final String STOCK = "kiosk-stock-views";
    static final String VOUCHERS = "voucher-views";
    static final String RANKINGS = "rankings";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Map<Integer, Long>> bounds;

    private Positions(Map<String, Map<Integer, Long>> bounds) {
        this.bounds = bounds;
    }

    /** The bounds of the ledger, stock, voucher and rankings projections, by projection name. */
    static Positions read(Connection connection, ProjectionProcessors processors) throws SQLException {
        Map<String, Map<Integer, Long>> byProcessor = new HashMap<>();
        EventScan.run(connection, "SELECT processor_name, segment, token FROM token_entry WHERE processor_name IN "
                + "(?, ?, ?, ?)", List.of(processors.processorOf(LEDGER), processors.processorOf(STOCK),
                processors.processorOf(VOUCHERS), processors.processorOf(RANKINGS)), rs -> byProcessor
                .computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                .put(rs.getInt(2), lowerBound(rs.getBytes(3))));
        Map<String, Map<Integer, Long>> bounds = new HashMap<>();
        for (String projection : List.of(LEDGER, STOCK, VOUCHERS, RANKINGS)) {
            Map<Integer, Long> segments = byProcessor.get(processors.processorOf(projection));
            if (segments != null) {
                bounds.put(projection, segments);
            }
        }
        return new Positions(bounds);
    }

    /** True when the processor has handled every event of the aggregate up to {@code lastIndex}. */
    boolean covers(String processor, String aggregateId, long lastIndex) {
        return lastIndex <= bound(processor, aggregateId);
    }

    long bound(String processor, String aggregateId) {
        Map<Integer, Long> segments = bounds.get(processor);
        if (segments == null || segments.isEmpty()) {
            return -1;
        }
        int[] ids = segments.keySet().stream().mapToInt(Integer::intValue).toArray();
        for (int id : ids) {
            if (Segment.computeSegment(id, ids).matches(aggregateId)) {
                return segments.get(id);
            }
        }
        return -1;
    }

    /** The lowest position any segment of the processor has reached (-1: none yet). */
    long lowest(String processor) {
        Map<Integer, Long> segments = bounds.get(processor);
        return segments == null ? -1 : segments.values().stream().mapToLong(Long::longValue).min().orElse(-1);
    }

    static long lowerBound(byte[] token) {
        if (token == null) {
            return -1;
        }
        try {
            return lowerBound(JSON.readTree(new String(token, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * GapAwareTrackingToken {"index","gaps"}; ReplayToken {"tokenAtReset","currentToken"} (replaying: as far as the
     * replay got); MergedTrackingToken {"lowerSegmentToken","upperSegmentToken"} (the lower of the two).
     */
    static long lowerBound(JsonNode token) {
        if (token == null || token.isNull()) {
            return -1;
        }
        if (token.has("index")) {
            long bound = token.get("index").asLong();
            for (JsonNode gap : token.path("gaps")) {
                bound = Math.min(bound, gap.asLong() - 1);
            }
            return bound;
        }
        if (token.has("tokenAtReset")) {
            return lowerBound(token.get("currentToken"));
        }
        if (token.has("lowerSegmentToken")) {
            return Math.min(lowerBound(token.get("lowerSegmentToken")), lowerBound(token.get("upperSegmentToken")));
        }
        return -1;
    }
}
