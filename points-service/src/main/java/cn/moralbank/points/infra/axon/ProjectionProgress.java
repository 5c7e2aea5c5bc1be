package cn.moralbank.points.infra.axon;

import cn.moralbank.points.common.ViewsCatchUp;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Read your writes ({@link ViewsCatchUp}): waits until each projection that handles an event a request wrote has
 * committed its batch past that event's position. Which segment of a processor handles an event is Axon's own
 * answer ({@code EventHandlerInvoker.canHandle(event, segment)}). A segment this node runs is read from the
 * processor's own status, which Axon advances only after the batch's transaction committed; this node's commits wake
 * the waiters once that is done ({@link ProjectionTransactions}). A segment another node runs (or none yet) is read
 * from its token in {@code token_entry}, which commits with the rows of its batch, polling every few milliseconds.
 * The database is then asked once per answer (the events' positions) while its views are on this node: asking it
 * for every token at every commit cost as many statements as the commands themselves (docs/performance.md,
 * "Session 16").
 */
@Singleton
final class ProjectionProgress implements ViewsCatchUp {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionProgress.class);
    private static final long POLL_NANOS = 10_000_000L;

    private final Configuration axon;
    private final DataSource dataSource;
    private final Serializer serializer;
    private final ProjectionCommits commits;

    ProjectionProgress(Configuration axon, DataSource dataSource, ProjectionCommits commits) {
        this.axon = axon;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.serializer = axon.eventSerializer();
        this.commits = commits;
    }

    @Override
    public boolean await(Object written, Duration max) {
        if (!(written instanceof Collection<?> events) || events.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + max.toNanos();
        try {
            List<DomainEventMessage<?>> domainEvents = new ArrayList<>();
            for (Object event : events) {
                if (event instanceof DomainEventMessage<?> domain) {
                    domainEvents.add(domain);
                }
            }
            List<Wait> waits;
            try (Connection connection = open()) {
                waits = waits(connection, domainEvents);
            }
            while (true) {
                long seen = commits.count();
                waits = new ArrayList<>(waits.stream().map(Wait::whereNow).toList());
                waits.removeIf(Wait::committedHere);
                if (waits.stream().anyMatch(wait -> wait.local() == null)) {
                    // a connection only for each look, never across the wait: fifty answers waiting at once held the
                    // pool's every connection while the processors they waited for queued for one to commit
                    // (docs/performance.md, "Projection lag")
                    try (Connection connection = open()) {
                        Map<String, Long> committed = committedPositions(connection, waits.stream()
                                .filter(wait -> wait.local() == null).map(Wait::key)
                                .collect(Collectors.toSet()));
                        waits.removeIf(wait -> wait.local() == null
                                && committed.getOrDefault(wait.key(), -1L) >= wait.position());
                    }
                }
                if (waits.isEmpty()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.info("Views not caught up within {} ms: {}", max.toMillis(), waits);
                    return false;
                }
                commits.awaitAfter(seen, Math.min(left, POLL_NANOS));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.info("Could not wait for the views ({}); answering without waiting", e.toString());
            return false;
        }
    }

    private Connection open() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        return connection;
    }

    @Override
    public boolean awaitThisRequest(Duration max) {
        return ServerRequestContext.currentRequest().flatMap(request -> request.getAttribute(WRITTEN))
                .map(written -> await(List.copyOf((Collection<?>) written), max))
                .orElse(true);
    }

    /**
     * What to wait for: for every segment of every projection processor that handles one of the events, the highest
     * position among those it handles; with the segment's status when this node runs it. Every event counts, not only
     * an aggregate's last: a merge's last event (the account closed) is handled by no view, the points it moved out
     * are. A processor that is not running here (being restarted, or failing to start) is read from its tokens, so
     * the answer waits for it or says the views are pending, never that they hold the write.
     */
    private List<Wait> waits(Connection connection, List<DomainEventMessage<?>> events) throws SQLException {
        Map<String, Long> positions = positions(connection, events);
        Map<String, Wait> waits = new LinkedHashMap<>();
        Map<String, int[]> segments = null;
        for (DomainEventMessage<?> event : events) {
            Long position = positions.get(key(event.getAggregateIdentifier(), event.getSequenceNumber()));
            if (position == null) {
                continue;
            }
            for (PooledStreamingEventProcessor processor : projectionProcessors()) {
                EventHandlerInvoker invoker = processor.eventHandlerInvoker();
                Wait here = runHere(processor, invoker, event, position);
                if (here != null) {
                    waits.merge(here.key(), here, Wait::later);
                    continue;
                }
                segments = segments != null ? segments : segments(connection);
                int[] ids = segments.get(processor.getName());
                for (int id : ids == null ? new int[0] : ids) {
                    if (invoker.canHandle(event, Segment.computeSegment(id, ids.clone()))) {
                        Wait there = new Wait(processor.getName(), id, position, null);
                        waits.merge(there.key(), there, Wait::later);
                    }
                }
            }
        }
        return new ArrayList<>(waits.values());
    }

    /** The wait on the segment of this node's that handles the event, or null when no segment here handles it. */
    private static Wait runHere(PooledStreamingEventProcessor processor, EventHandlerInvoker invoker,
                                DomainEventMessage<?> event, long position) {
        for (var status : processor.processingStatus().entrySet()) {
            Segment segment = status.getValue().getSegment();
            if (invoker.canHandle(event, segment)) {
                return new Wait(processor.getName(), status.getKey(), position, processor);
            }
        }
        return null;
    }

    /** The projections' streaming processors, running or not. */
    private List<PooledStreamingEventProcessor> projectionProcessors() {
        return axon.eventProcessingConfiguration().eventProcessors().values().stream()
                .filter(PooledStreamingEventProcessor.class::isInstance)
                .map(PooledStreamingEventProcessor.class::cast)
                .toList();
    }

    private static Map<String, int[]> segments(Connection connection) throws SQLException {
        Map<String, List<Integer>> found = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT processor_name, segment FROM token_entry");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getInt(2));
            }
        }
        Map<String, int[]> segments = new HashMap<>();
        found.forEach((name, ids) -> segments.put(name, ids.stream().mapToInt(Integer::intValue).toArray()));
        return segments;
    }

    /** Each event's position in the store, by {@link #key(String, long)}, in one statement for all of them. */
    private static Map<String, Long> positions(Connection connection, List<DomainEventMessage<?>> events)
            throws SQLException {
        Map<String, Long> positions = new HashMap<>();
        if (events.isEmpty()) {
            return positions;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT d.aggregate_identifier, "
                + "d.sequence_number, d.global_index FROM unnest(?::varchar[], ?::bigint[]) AS w(aggregate, seq) "
                + "JOIN domain_event_entry d ON d.aggregate_identifier = w.aggregate AND d.sequence_number = w.seq")) {
            statement.setArray(1, connection.createArrayOf("varchar",
                    events.stream().map(DomainEventMessage::getAggregateIdentifier).toArray()));
            statement.setArray(2, connection.createArrayOf("bigint",
                    events.stream().map(DomainEventMessage::getSequenceNumber).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    positions.put(key(rows.getString(1), rows.getLong(2)), rows.getLong(3));
                }
            }
        }
        return positions;
    }

    private static String key(String aggregate, long sequence) {
        return aggregate + "#" + sequence;
    }

    /** The committed position of each segment asked for, by {@link Wait#key()}; -1 when it has none yet. */
    private Map<String, Long> committedPositions(Connection connection, Set<String> keys) throws SQLException {
        Map<String, Long> positions = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT processor_name, segment, token, token_type FROM token_entry");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String key = rows.getString(1) + "/" + rows.getInt(2);
                if (!keys.contains(key)) {
                    continue;
                }
                long position = -1;
                if (rows.getBytes(3) != null) {
                    TrackingToken token = serializer.deserialize(
                            new SimpleSerializedObject<>(rows.getBytes(3), byte[].class, rows.getString(4), null));
                    position = token == null ? -1 : token.position().orElse(-1);
                }
                positions.put(key, position);
            }
        }
        return positions;
    }

    /** A segment to wait for; {@code local} is its processor when this node runs it, else null (read its token). */
    private record Wait(String processor, int segment, long position, PooledStreamingEventProcessor local) {
        String key() {
            return processor + "/" + segment;
        }

        /** Of two waits on one segment, the one further on. */
        Wait later(Wait other) {
            return other.position > position ? other : this;
        }

        /** The same wait, read from the segment's token once this node no longer runs the segment. */
        Wait whereNow() {
            return local != null && local.processingStatus().get(segment) == null
                    ? new Wait(processor, segment, position, null) : this;
        }

        /** Whether this node's segment has committed past the position (Axon advances its status after commit). */
        boolean committedHere() {
            EventTrackerStatus status = local == null ? null : local.processingStatus().get(segment);
            return status != null && status.getCurrentPosition().orElse(-1) >= position;
        }

        @Override
        public String toString() {
            return key() + "@" + position + (local != null ? " (here)" : "");
        }
    }
}
