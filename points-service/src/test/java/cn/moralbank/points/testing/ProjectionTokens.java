package cn.moralbank.points.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.axonframework.eventhandling.Segment;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A streaming processor's tokens as stored in {@code token_entry} (Jackson JSON), read without claiming them: which
 * segment an aggregate's events go to, and how far that segment has processed the event store.
 */
public final class ProjectionTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource dataSource;
    private final String processor;

    public ProjectionTokens(DataSource dataSource, String processor) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.processor = processor;
    }

    /** The segment id that handles an aggregate's events (sequential per aggregate, as the processors are set up). */
    public int segmentOf(String aggregateId) {
        int[] ids = positions().keySet().stream().mapToInt(Integer::intValue).toArray();
        for (Segment segment : Segment.computeSegments(ids)) {
            if (segment.matches(aggregateId)) {
                return segment.getSegmentId();
            }
        }
        throw new IllegalStateException("no segment of " + processor + " matches " + aggregateId);
    }

    /** The global index up to which the segment handling this aggregate has processed events; -1 for none. */
    public long positionFor(String aggregateId) {
        return positions().get(segmentOf(aggregateId));
    }

    /** Segment id to processed position, for every segment of the processor. */
    public Map<Integer, Long> positions() {
        Map<Integer, Long> positions = new TreeMap<>();
        try (var c = dataSource.getConnection();
             var ps = c.prepareStatement("SELECT segment, token FROM token_entry WHERE processor_name = ?")) {
            ps.setString(1, processor);
            var rs = ps.executeQuery();
            while (rs.next()) {
                byte[] token = rs.getBytes(2);
                positions.put(rs.getInt(1), token == null ? -1L : index(JSON.readTree(token)));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
        if (positions.isEmpty()) {
            throw new IllegalStateException("no tokens for " + processor);
        }
        return positions;
    }

    private static long index(JsonNode token) {
        if (token == null || token.isNull()) {
            return -1;
        }
        if (token.has("index")) {
            return token.get("index").asLong();
        }
        if (token.has("globalIndex")) {
            return token.get("globalIndex").asLong();
        }
        if (token.has("currentToken")) {
            return index(token.get("currentToken"));
        }
        throw new IllegalStateException("unknown token " + token);
    }
}
