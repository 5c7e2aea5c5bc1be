package cn.moralbank.points.infra.axon;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * How the event store is read in commit order (ADR 0007). Every event's position is its transaction's id shifted
 * left by 20 bits plus its number within the transaction (migration V35), and the processors read only below
 * {@code safe_event_position()}: the lowest transaction still running, shifted the same way. Every transaction
 * below it has finished and no transaction can ever take a lower id, so no event can appear behind a position a
 * processor has passed, after a crash or not. Axon's gap tracking is then not needed, and is turned off: positions
 * jump from one transaction to the next, and those jumps are not gaps to wait for.
 */
final class CommitOrder {
    private CommitOrder() {
    }

    /** The event storage engine's reading statements and gap settings, for commit order. */
    static JdbcEventStorageEngine.Builder readInCommitOrder(JdbcEventStorageEngine.Builder engine) {
        return engine
                .readEventDataWithoutGaps(CommitOrder::readAfter)
                .readEventDataWithGaps(CommitOrder::readAfterAndGaps)
                .createHeadToken(CommitOrder::head)
                // an empty read means nothing is safe to read yet, not a jump of more than a batch
                .extendedGapCheckEnabled(false)
                // no gaps (CommitOrderStorageEngine records none when it reads; these keep Axon's own paths,
                // e.g. a token made from a position, from recording any)
                .gapTimeout(1)
                .maxGapOffset(1)
                .lowestGlobalSequence(Long.MAX_VALUE);
    }

    private static PreparedStatement readAfter(Connection connection, EventSchema schema, long position, int batchSize)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields()
                + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.globalIndexColumn() + " > ?"
                + " AND " + schema.globalIndexColumn() + " < safe_event_position()"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC LIMIT ?");
        statement.setLong(1, position);
        statement.setInt(2, batchSize);
        return statement;
    }

    /** Tokens written before commit order may still carry gaps; they are read once more, then left behind. */
    private static PreparedStatement readAfterAndGaps(Connection connection, EventSchema schema, long position,
                                                      int batchSize, List<Long> gaps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields()
                + " FROM " + schema.domainEventTable()
                + " WHERE (" + schema.globalIndexColumn() + " > ? OR " + schema.globalIndexColumn() + " IN ("
                + String.join(",", Collections.nCopies(gaps.size(), "?")) + "))"
                + " AND " + schema.globalIndexColumn() + " < safe_event_position()"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC LIMIT ?");
        statement.setLong(1, position);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 2, gaps.get(i));
        }
        statement.setInt(gaps.size() + 2, batchSize);
        return statement;
    }

    private static PreparedStatement head(Connection connection, EventSchema schema) throws SQLException {
        return connection.prepareStatement("SELECT max(" + schema.globalIndexColumn() + ") FROM "
                + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " < safe_event_position()");
    }
}
