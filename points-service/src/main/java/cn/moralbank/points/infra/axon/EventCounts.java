package cn.moralbank.points.infra.axon;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * How many events lie up to a position, for a progress bar. Positions are transaction ids shifted left (ADR 0007),
 * not a count, so every {@value #STEP}th position is read once (one pass over the primary key's index) and a position
 * is placed among them.
 */
final class EventCounts {
    private static final int STEP = 1000;
    private final long[] milestones;
    private final long total;

    private EventCounts(long[] milestones, long total) {
        this.milestones = milestones;
        this.total = total;
    }

    /** The position of the last event committed (0 for an empty store): the replay's goal, the lag's reference. */
    static long head(DataSource dataSource) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    static EventCounts below(DataSource dataSource, long head) {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT global_index FROM domain_event_entry WHERE global_index <= ? ORDER BY global_index")) {
            connection.setAutoCommit(false); // so the driver streams by fetch size instead of reading all rows
            statement.setFetchSize(10_000);
            statement.setLong(1, head);
            long[] milestones = new long[16];
            int found = 0;
            long total = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (total % STEP == 0) {
                        if (found == milestones.length) {
                            milestones = Arrays.copyOf(milestones, found * 2);
                        }
                        milestones[found++] = rows.getLong(1);
                    }
                    total++;
                }
            }
            connection.rollback();
            return new EventCounts(Arrays.copyOf(milestones, found), total);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the events", e);
        }
    }

    long total() {
        return total;
    }

    /** About how many events lie at or below {@code position} (to within {@value #STEP}). */
    long upTo(long position) {
        if (position < 0 || milestones.length == 0) {
            return 0;
        }
        int at = Arrays.binarySearch(milestones, position);
        int below = at >= 0 ? at : -at - 2;
        return below < 0 ? 0 : Math.min(total, (long) below * STEP + (at >= 0 ? 1 : STEP / 2));
    }
}
