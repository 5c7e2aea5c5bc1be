package cn.moralbank.kiosk.stock;

import cn.moralbank.points.common.PerBatch;
import cn.moralbank.points.common.SqlRows;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * Exactly-once effect for projections that add and subtract (stock counters): before applying an event, a view
 * moves its position for the event's aggregate forward to the event's sequence number. If the position is there
 * already, the event was applied before and is skipped. Two nodes applying the same event at once serialise on the
 * position's row: the second sees the first's position after it commits and skips.
 *
 * <p>Within a processor's batch, only an aggregate's first event goes to the database: that moves the position and
 * locks its row until the batch commits, so the batch's later events of the aggregate are checked against the
 * position it holds, and the last one is written when the batch commits.
 */
@Singleton
public class ViewPositions {
    private final SqlRows sql;
    private final PerBatch perBatch;

    ViewPositions(SqlRows sql, PerBatch perBatch) {
        this.sql = sql;
        this.perBatch = perBatch;
    }

    /** True when this event is new to the view (and the position has moved to it). */
    public boolean advance(String view, String aggregateId, long seq) {
        boolean[] fresh = new boolean[1];
        perBatch.change(ViewPositions.class.getName() + "/" + view, HeldPositions::new, held -> held.write(view),
                held -> fresh[0] = held.advance(view, aggregateId, seq));
        return fresh[0];
    }

    /** The positions this batch moved and holds the rows of; {@code moved} those to write when it commits. */
    private final class HeldPositions {
        private final Map<String, Long> held = new HashMap<>();
        private final Map<String, Long> moved = new HashMap<>();

        boolean advance(String view, String aggregateId, long seq) {
            Long position = held.get(aggregateId);
            if (position == null) {
                boolean fresh = advanceNow(view, aggregateId, seq);
                if (fresh) {
                    held.put(aggregateId, seq);
                }
                return fresh;
            }
            if (seq <= position) {
                return false;
            }
            held.put(aggregateId, seq);
            moved.put(aggregateId, seq);
            return true;
        }

        void write(String view) {
            moved.forEach((aggregateId, seq) -> advanceNow(view, aggregateId, seq));
        }
    }

    private boolean advanceNow(String view, String aggregateId, long seq) {
        return sql.prepare("""
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
        sql.prepare("DELETE FROM kiosk_view_position WHERE view_name = ?", ps -> {
            ps.setString(1, view);
            return ps.executeUpdate();
        });
    }
}
