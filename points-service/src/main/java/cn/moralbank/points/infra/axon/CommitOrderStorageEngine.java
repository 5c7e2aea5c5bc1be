package cn.moralbank.points.infra.axon;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;

/**
 * Axon's JDBC event storage engine, reading in commit order ({@link CommitOrder}) and without what gap tracking
 * costs: Axon's engine parses the time stamp of every event it streams to decide whether a gap may still fill, which
 * in commit order none can; this one leaves the time stamp as stored until a handler asks for it
 * ({@link StoredTimestamps}). A rebuild's two threads each stream the whole store, so this showed in its profile
 * (docs/performance.md, "Session 12").
 */
final class CommitOrderStorageEngine extends JdbcEventStorageEngine {

    CommitOrderStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(CommitOrder.readInCommitOrder(builder));
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        long position = resultSet.getLong(schema().globalIndexColumn());
        GapAwareTrackingToken token = previousToken == null
                ? GapAwareTrackingToken.newInstance(position, Collections.emptySortedSet())
                : previousToken.advanceTo(position, 0);
        return new TrackedDomainEventData<>(token, entry(resultSet, true));
    }

    @Override
    protected DomainEventData<?> getDomainEventData(ResultSet resultSet) throws SQLException {
        return entry(resultSet, false);
    }

    private StoredEntry<?> entry(ResultSet resultSet, boolean tracked) throws SQLException {
        EventSchema schema = schema();
        String aggregateId = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventId = resultSet.getString(schema.eventIdentifierColumn());
        return new StoredEntry<>(resultSet.getString(schema.typeColumn()),
                // as Axon's engine: an event appended outside an aggregate stores its own id as the aggregate's
                tracked && eventId.equals(aggregateId) ? null : aggregateId,
                resultSet.getLong(schema.sequenceNumberColumn()), eventId,
                readTimeStamp(resultSet, schema.timestampColumn()),
                resultSet.getString(schema.payloadTypeColumn()), resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()), readPayload(resultSet, schema.metaDataColumn()));
    }

    /**
     * A stored event whose time stamp is parsed when asked for (Axon asks once per event and keeps the answer). Axon's
     * own entry classes are JPA mapped superclasses; this one needs no JPA.
     */
    private static final class StoredEntry<T> implements DomainEventData<T> {
        private final String type;
        private final String aggregateId;
        private final long sequence;
        private final String eventId;
        private final String stored;
        private final SerializedType payloadType;
        private final T payload;
        private final T metaData;

        StoredEntry(String type, String aggregateId, long sequence, String eventId, Object timestamp,
                    String payloadType, String payloadRevision, T payload, T metaData) {
            this.type = type;
            this.aggregateId = aggregateId;
            this.sequence = sequence;
            this.eventId = eventId;
            this.stored = timestamp.toString();
            this.payloadType = new SimpleSerializedType(payloadType, payloadRevision);
            this.payload = payload;
            this.metaData = metaData;
        }

        @Override
        public String getType() {
            return type;
        }

        @Override
        public String getAggregateIdentifier() {
            return aggregateId;
        }

        @Override
        public long getSequenceNumber() {
            return sequence;
        }

        @Override
        public String getEventIdentifier() {
            return eventId;
        }

        @Override
        public Instant getTimestamp() {
            return StoredTimestamps.parse(stored);
        }

        @Override
        @SuppressWarnings("unchecked")
        public SerializedObject<T> getMetaData() {
            return new SerializedMetaData<>(metaData, (Class<T>) metaData.getClass());
        }

        @Override
        @SuppressWarnings("unchecked")
        public SerializedObject<T> getPayload() {
            return new SimpleSerializedObject<>(payload, (Class<T>) payload.getClass(), payloadType);
        }
    }
}
