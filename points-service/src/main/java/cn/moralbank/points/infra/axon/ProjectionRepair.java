package cn.moralbank.points.infra.axon;

import cn.moralbank.points.common.Projection;
import cn.moralbank.points.infra.db.SqlStates;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SimpleSerializedObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the rows one aggregate (a household, a voucher, a supermarket) has in one projection, from its own events,
 * through the projection's own event handlers: the repair of a view found different from the ledger without replaying
 * the whole projection. Safe while nodes run: the projection's token rows are locked for the repair's transaction
 * (the processor's next commit waits the few milliseconds it takes), and exactly the aggregate's events that the
 * token of its segment covers are handled again; events after it are left to the processor, which applies them on
 * top of the rebuilt rows as it would have.
 */
@Singleton
public class ProjectionRepair {
    private final Configuration axon;
    private final ConnectionOperations<Connection> connections;
    private final List<Projection> projections;
    private final ProjectionProcessors processors;

    ProjectionRepair(Configuration axon, ConnectionOperations<Connection> connections, List<Projection> projections,
                     ProjectionProcessors processors) {
        this.axon = axon;
        this.connections = connections;
        this.projections = projections;
        this.processors = processors;
    }

    /** What a repair did: the events handled again, and those its projection has still to handle. */
    public record Repaired(int replayed, int pending) {
    }

    /**
     * Empties the aggregate's rows with {@code clear} (run in the repair's transaction) and handles its events again:
     * those the token of the processor that handles the projection {@code processor} covers, and those the
     * projection had before its tokens were handed over to that processor ({@link ProjectionHandOver}).
     *
     * @throws IllegalStateException when the projection has no tokens yet or is being replayed
     */
    public Repaired rebuild(String processor, String aggregateId, Runnable clear) {
        Projection projection = projections.stream()
                .filter(p -> p.getClass().getAnnotation(ProcessingGroup.class) != null)
                .filter(p -> p.getClass().getAnnotation(ProcessingGroup.class).value().equals(processor))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No projection named " + processor));
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return axon.getComponent(TransactionManager.class).fetchInTransaction(
                        () -> rebuildLocked(processor, aggregateId, clear, handlers));
            } catch (RuntimeException e) {
                if (!deadlock(e)) {
                    throw e;
                }
                // a deadlock with a batch of the processor that was writing this aggregate's rows: try again
                last = e;
            }
        }
        throw last;
    }

    private static boolean deadlock(Throwable e) {
        return SqlStates.inCauses(e, state -> SqlStates.lostRace(state) || SqlStates.LOCK_NOT_AVAILABLE.equals(state));
    }

    private Repaired rebuildLocked(String processor, String aggregateId, Runnable clear,
                                   AnnotationEventHandlerAdapter handlers) {
        GapAwareTrackingToken token = lockedTokenOf(processors.processorOf(processor), aggregateId);
        ProjectionHandOver handOver = axon.getComponent(ProjectionHandOver.class);
        Map<String, Long> indexes = indexesOf(aggregateId);
        clear.run();
        int replayed = 0;
        int pending = 0;
        DomainEventStream events = axon.getComponent(EventStorageEngine.class).readEvents(aggregateId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            Long index = indexes.get(event.getIdentifier());
            if (index == null || (index > token.getIndex() || token.getGaps().contains(index))
                    && !handOver.had(processor, aggregateId, index)) {
                pending++;
                continue;
            }
            try {
                handlers.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException("The projection " + processor + " failed on event "
                        + event.getIdentifier() + " of " + aggregateId + ": " + e.getMessage(), e);
            }
            replayed++;
        }
        return new Repaired(replayed, pending);
    }

    /** Locks the processor's token rows and answers the token of the segment the aggregate's events go to. */
    private GapAwareTrackingToken lockedTokenOf(String processor, String aggregateId) {
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        query("SELECT segment, token, token_type FROM token_entry WHERE processor_name = ? ORDER BY segment "
                + "FOR UPDATE", List.of(processor), rs -> {
            byte[] bytes = rs.getBytes(2);
            tokens.put(rs.getInt(1), bytes == null ? null : axon.serializer().deserialize(
                    new SimpleSerializedObject<>(bytes, byte[].class, rs.getString(3), null)));
        });
        if (tokens.isEmpty()) {
            throw new IllegalStateException("The projection " + processor + " has no tokens: it has never run, or a "
                    + "replay of every projection is under way. Start a node (or finish the replay) first.");
        }
        int[] ids = tokens.keySet().stream().mapToInt(Integer::intValue).toArray();
        for (int id : ids) {
            Segment segment = Segment.computeSegment(id, ids);
            if (segment.matches(aggregateId)) {
                TrackingToken token = tokens.get(id);
                if (token == null) {
                    return GapAwareTrackingToken.newInstance(-1, List.of());
                }
                if (token instanceof GapAwareTrackingToken gapAware) {
                    return gapAware;
                }
                throw new IllegalStateException("The projection " + processor + " is being replayed (token "
                        + token.getClass().getSimpleName() + "); repair after the replay has finished.");
            }
        }
        throw new IllegalStateException("No segment of " + processor + " matches " + aggregateId);
    }

    private Map<String, Long> indexesOf(String aggregateId) {
        Map<String, Long> indexes = new HashMap<>();
        query("SELECT event_identifier, global_index FROM domain_event_entry WHERE aggregate_identifier = ?",
                List.of(aggregateId), rs -> indexes.put(rs.getString(1), rs.getLong(2)));
        return indexes;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<Object> arguments, Row row) {
        Connection connection = connections.getConnectionStatus().getConnection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            List<Object> args = new ArrayList<>(arguments);
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new RuntimeException(e);
        }
    }
}
