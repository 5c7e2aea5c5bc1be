package cn.moralbank.kiosk.stock;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

/**
 * Exactly-once effect for projections that add and subtract (stock counters): before applying an event, a view
 * moves its position for the event's aggregate forward to the event's sequence number. If the position is there
 * already, the event was applied before and is skipped. Two nodes applying the same event at once serialise on the
 * position's row: the second sees the first's position after it commits and skips.
 */
@Singleton
public class ViewPositions {
    private final JdbcOperations jdbc;

    ViewPositions(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** True when this event is new to the view (and the position has moved to it). */
    public boolean advance(String view, String aggregateId, long seq) {
        return jdbc.prepareStatement("""
                INSERT INTO kiosk_view_position (view_name, aggregate_id, seq) VALUES (?, ?, ?)
                ON CONFLICT (view_name, aggregate_id) DO UPDATE SET seq = EXCLUDED.seq
                WHERE kiosk_view_position.seq < EXCLUDED.seq""", ps -> {
            ps.setString(1, view);
            ps.setString(2, aggregateId);
            ps.setLong(3, seq);
            return ps.executeUpdate() == 1;
        });
    }

    public void reset(String view) {
        jdbc.prepareStatement("DELETE FROM kiosk_view_position WHERE view_name = ?", ps -> {
            ps.setString(1, view);
            return ps.executeUpdate();
        });
    }
}
