package cn.moralbank.points.infra.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Hands the projections' tokens over when the processors that handle them change: from one processor per projection
 * (before issue 17, or with {@code moralbank.axon.processor-per-projection}) to the one live processor, back, and from
 * a rebuild of one projection to the live processor (docs/adr/0008-one-live-processor.md).
 * <p>
 * A projection's tokens say which events its view holds. When the processor that will handle it starts lower than
 * that (the one live processor starts at the lowest position of all the projections it takes over), the view must
 * not get those events twice: the account balances and rankings add up, they are not idempotent. So the projection's
 * old tokens are kept, renamed {@code handed-over/<projection>} in {@code token_entry}, and an event they cover is
 * not handled again for that projection ({@link #had}, asked by {@link IsolatingEventHandler#canHandle} before Axon's
 * dead-letter invoker looks at its queue). Once every segment of the projection's processor has passed them, they
 * are dropped ({@link #dropPassed}, each second).
 * <p>
 * Covered means what Axon's processor means: the segment of the old tokens that the event's sequence (its
 * aggregate, Axon's default sequencing policy of every projection) falls into has a token at or past the event's
 * position, and not with the position as a gap.
 */
final class ProjectionHandOver {
    static final String PREFIX = "handed-over/";
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionHandOver.class);

    private final DataSource dataSource;
    private final Serializer serializer;
    private final Map<String, Marks> marks = new ConcurrentHashMap<>();

    ProjectionHandOver(DataSource dataSource, Serializer serializer) {
        this.dataSource = dataSource;
        this.serializer = serializer;
    }

    /** The tokens of one projection handed over, by segment, with the segments' masks as they were. */
    record Marks(Map<Segment, GapAwareTrackingToken> bySegment, long highest) {
        boolean covers(int sequenceHash, long position) {
            if (position > highest) {
                return false;
            }
            for (Map.Entry<Segment, GapAwareTrackingToken> entry : bySegment.entrySet()) {
                if (entry.getKey().matches(sequenceHash)) {
                    GapAwareTrackingToken token = entry.getValue();
                    return token != null && position <= token.getIndex() && !token.getGaps().contains(position);
                }
            }
            return false;
        }
    }

    /**
     * Before the processors start: gives the processors of the configured layout the tokens of the other layout's
     * processors when they have none yet, then reads what is handed over. One node at a time (an advisory lock).
     */
    void prepare(Collection<String> groups, boolean perProjection, int segments) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (var lock = connection.prepareStatement(
                        "SELECT pg_advisory_xact_lock(hashtext('moralbank.projection-hand-over'))")) {
                    lock.execute();
                }
                Map<String, List<Row>> rows = rows(connection);
                if (perProjection) {
                    toOneProcessorEach(connection, groups, rows);
                } else {
                    toOneProcessor(connection, groups, rows, segments);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not hand the projections' tokens over: " + e.getMessage(), e);
        }
        load();
    }

    /** From per-projection processors to the one live processor: it starts at the lowest position of them all. */
    private void toOneProcessor(Connection connection, Collection<String> groups, Map<String, List<Row>> rows,
                                int segments) throws SQLException {
        if (rows.containsKey(ProjectionProcessors.LIVE) || groups.stream().noneMatch(rows::containsKey)) {
            return; // already handed over, or a database whose processors never ran (they start from the tail)
        }
        long start = Long.MAX_VALUE;
        for (String group : groups) {
            if (rows.containsKey(PREFIX + group) && rows.containsKey(group)) {
                throw new IllegalStateException("The tokens of projection " + group + " were handed over from "
                        + "another processor a moment ago and the hand-over has not finished yet: start with the "
                        + "previous moralbank.axon.processor-per-projection setting for a minute, then switch");
            }
            start = Math.min(start, rows.getOrDefault(group, List.of()).stream().mapToLong(this::lowest)
                    .min().orElse(-1));
        }
        TrackingToken initial = start < 0 ? null : GapAwareTrackingToken.newInstance(start, List.of());
        for (int segment = 0; segment < segments; segment++) {
            insert(connection, ProjectionProcessors.LIVE, segment, initial);
        }
        for (String group : groups) {
            if (rows.containsKey(group)) {
                rename(connection, group, PREFIX + group);
            }
        }
        LOG.info("Projections handed over to the one live processor {}: it starts after event {}; each projection "
                + "skips the events its own processor had handled", ProjectionProcessors.LIVE, start);
    }

    /** From the one live processor back to one processor per projection: each takes the live tokens as they are. */
    private void toOneProcessorEach(Connection connection, Collection<String> groups, Map<String, List<Row>> rows)
            throws SQLException {
        List<Row> live = rows.get(ProjectionProcessors.LIVE);
        if (live == null) {
            return;
        }
        for (String group : groups) {
            if (!rows.containsKey(group)) {
                try (PreparedStatement copy = connection.prepareStatement("INSERT INTO token_entry "
                        + "(processor_name, segment, token, token_type, timestamp, owner) SELECT ?, segment, token, "
                        + "token_type, timestamp, NULL FROM token_entry WHERE processor_name = ?")) {
                    copy.setString(1, group);
                    copy.setString(2, ProjectionProcessors.LIVE);
                    copy.executeUpdate();
                }
            }
        }
        try (PreparedStatement drop = connection.prepareStatement("DELETE FROM token_entry WHERE processor_name = ?")) {
            drop.setString(1, ProjectionProcessors.LIVE);
            drop.executeUpdate();
        }
        LOG.info("Projections handed over from the one live processor to a processor each");
    }

    /** Whether the projection {@code group} had this event before its tokens were handed over. */
    boolean had(String group, EventMessage<?> event) {
        if (marks.isEmpty() || !(event instanceof TrackedEventMessage<?> tracked) || tracked.trackingToken() == null) {
            return false;
        }
        Marks handed = marks.get(group);
        if (handed == null) {
            return false;
        }
        long position = WrappedToken.unwrapLowerBound(tracked.trackingToken()).position().orElse(-1);
        Object sequence = event instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() : event.getIdentifier();
        return handed.covers(Objects.hashCode(sequence), position);
    }

    /** Whether the projection {@code group} had the aggregate's event at {@code position} before a hand-over. */
    boolean had(String group, String aggregateId, long position) {
        Marks handed = marks.get(group);
        return handed != null && handed.covers(Objects.hashCode(aggregateId), position);
    }

    /** Whether anything is still handed over for the projection. */
    boolean handingOver(String group) {
        return marks.containsKey(group);
    }

    /** Forgets what was handed over for a projection about to be rebuilt from nothing. */
    void forget(String group) {
        update("DELETE FROM token_entry WHERE processor_name = ?", PREFIX + group);
        marks.remove(group);
    }

    /**
     * After a rebuild of one projection: its view holds every event up to {@code reached}, which the live processor
     * (stopped at or below it) must not handle again for it.
     */
    void handOver(String group, TrackingToken reached) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement drop = connection.prepareStatement(
                        "DELETE FROM token_entry WHERE processor_name = ?")) {
                    drop.setString(1, PREFIX + group);
                    drop.executeUpdate();
                }
                insert(connection, PREFIX + group, 0, reached);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        load();
    }

    /** Drops what every segment of the projection's processor has passed: it can never read those events again. */
    void dropPassed(Function<String, String> processorOf) {
        if (marks.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            Map<String, List<Row>> rows = rows(connection);
            for (Map.Entry<String, Marks> entry : List.copyOf(marks.entrySet())) {
                List<Row> processor = rows.getOrDefault(processorOf.apply(entry.getKey()), List.of());
                long lowest = processor.stream().mapToLong(this::lowest).min().orElse(-1);
                if (!processor.isEmpty() && lowest >= entry.getValue().highest()) {
                    forget(entry.getKey());
                    LOG.info("Projection {}: its processor has passed every event handed over (up to {})",
                            entry.getKey(), entry.getValue().highest());
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not look at the handed-over tokens: {}", e.toString());
        }
    }

    /** Reads what is handed over, per projection. */
    void load() {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Marks> read = new HashMap<>();
            rows(connection).forEach((name, rows) -> {
                if (!name.startsWith(PREFIX)) {
                    return;
                }
                int[] ids = rows.stream().mapToInt(Row::segment).toArray();
                Map<Segment, GapAwareTrackingToken> bySegment = new LinkedHashMap<>();
                long highest = -1;
                for (Row row : rows) {
                    GapAwareTrackingToken token = gapAware(row.token());
                    bySegment.put(Segment.computeSegment(row.segment(), ids), token);
                    highest = Math.max(highest, token == null ? -1 : token.getIndex());
                }
                read.put(name.substring(PREFIX.length()), new Marks(bySegment, highest));
            });
            marks.keySet().retainAll(read.keySet());
            marks.putAll(read);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the handed-over tokens: " + e.getMessage(), e);
        }
    }

    private GapAwareTrackingToken gapAware(TrackingToken token) {
        if (token == null) {
            return null;
        }
        TrackingToken lower = WrappedToken.unwrapLowerBound(token);
        if (lower instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        return lower.position().isPresent()
                ? GapAwareTrackingToken.newInstance(lower.position().getAsLong(), List.of()) : null;
    }

    /** The position up to which a token row has handled every event: its index, or below its lowest gap. */
    private long lowest(Row row) {
        GapAwareTrackingToken token = gapAware(row.token());
        if (token == null) {
            return -1;
        }
        return token.getGaps().isEmpty() ? token.getIndex() : token.getGaps().first() - 1;
    }

    private record Row(int segment, TrackingToken token) {
    }

    private Map<String, List<Row>> rows(Connection connection) throws SQLException {
        Map<String, List<Row>> rows = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT processor_name, segment, token, token_type FROM token_entry ORDER BY processor_name, segment");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                byte[] bytes = rs.getBytes(3);
                TrackingToken token = bytes == null ? null : serializer.deserialize(
                        new SimpleSerializedObject<>(bytes, byte[].class, rs.getString(4), null));
                rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Row(rs.getInt(2), token));
            }
        }
        return rows;
    }

    private void insert(Connection connection, String processor, int segment, TrackingToken token)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO token_entry "
                + "(processor_name, segment, token, token_type, timestamp, owner) VALUES (?, ?, ?, ?, ?, NULL)")) {
            insert.setString(1, processor);
            insert.setInt(2, segment);
            if (token == null) {
                insert.setNull(3, Types.BINARY);
                insert.setNull(4, Types.VARCHAR);
            } else {
                SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
                insert.setBytes(3, serialized.getData());
                insert.setString(4, serialized.getType().getName());
            }
            insert.setString(5, Instant.now().toString());
            insert.executeUpdate();
        }
    }

    private static void rename(Connection connection, String from, String to) throws SQLException {
        try (PreparedStatement rename = connection.prepareStatement(
                "UPDATE token_entry SET processor_name = ?, owner = NULL WHERE processor_name = ?")) {
            rename.setString(1, to);
            rename.setString(2, from);
            rename.executeUpdate();
        }
    }

    private void update(String sql, String argument) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setAutoCommit(true);
            statement.setString(1, argument);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
