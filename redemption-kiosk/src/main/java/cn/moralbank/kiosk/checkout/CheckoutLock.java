package cn.moralbank.kiosk.checkout;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The lock of one checkout, held on a connection of its own for as long as a node drives the checkout. The
 * connection is taken from the pool directly, outside Micronaut's transaction binding, so the commands the checkout
 * sends meanwhile run in their own transactions exactly as anywhere else (and Axon's retries of a lost concurrency
 * race work as usual). Closing without {@link #finish} rolls back and frees the lock.
 * <p>
 * The lock is a transaction-level advisory lock on the checkout's id, not the row's lock ({@code FOR UPDATE}): a row
 * lock gives its transaction an id, and the projections read only events below the oldest transaction id still
 * running (ADR 0007). Held across the checkout's commands, it kept every event any kiosk appended meanwhile from the
 * views until the checkout ended, and with checkouts overlapping the views fell seconds behind (docs/performance.md,
 * "Projection lag"). An advisory lock needs no transaction id; the transaction takes one only for {@link #finish}'s
 * short update. Like the row lock, it is released only when the transaction ends, after its update is visible.
 */
final class CheckoutLock implements AutoCloseable {
    /** The advisory locks' first key, "ckot" in ASCII: the checkout's lock, apart from any other advisory lock. */
    static final int LOCK_CLASS = 0x636b6f74;

    private final Connection connection;
    final String status;
    final String basketHash;
    final long supermarketId;

    private CheckoutLock(Connection connection, String status, String basketHash, long supermarketId) {
        this.connection = connection;
        this.status = status;
        this.basketHash = basketHash;
        this.supermarketId = supermarketId;
    }

    /**
     * Waits (at most {@code timeoutSeconds}, then SQL state 55P03) for the checkout's lock; null if the checkout does
     * not exist, or, with {@code skipLocked}, if another transaction holds it.
     */
    static CheckoutLock lock(DataSource dataSource, String checkoutId, int timeoutSeconds, boolean skipLocked)
            throws SQLException {
        Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        try {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '" + timeoutSeconds + "s'");
            }
            try (var ps = c.prepareStatement(skipLocked ? "SELECT pg_try_advisory_xact_lock(?, hashtext(?))"
                    : "SELECT 1 FROM pg_advisory_xact_lock(?, hashtext(?))")) {
                ps.setInt(1, LOCK_CLASS);
                ps.setString(2, checkoutId);
                var rs = ps.executeQuery();
                if (!rs.next() || !rs.getBoolean(1)) {
                    c.rollback(); // held by another: as SKIP LOCKED, nothing to drive here
                    c.close();
                    return null;
                }
            }
            // read after the lock is granted: READ COMMITTED sees what the last holder committed
            try (var ps = c.prepareStatement("SELECT status, basket_hash, supermarket_id FROM checkout "
                    + "WHERE checkout_id = ?")) {
                ps.setString(1, checkoutId);
                var rs = ps.executeQuery();
                if (!rs.next()) {
                    c.rollback();
                    c.close();
                    return null;
                }
                return new CheckoutLock(c, rs.getString(1), rs.getString(2), rs.getLong(3));
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    boolean started() {
        return CheckoutStatus.STARTED.name().equals(status);
    }

    void finish(String checkoutId, CheckoutStatus status, Long balanceAfter, String refusalCode, String refusalArgs,
                Instant at) throws SQLException {
        try (var ps = connection.prepareStatement("""
                UPDATE checkout SET status = ?, balance_after = ?, refusal_code = ?, refusal_args = ?, finished_at = ?
                WHERE checkout_id = ?""")) {
            ps.setString(1, status.name());
            ps.setObject(2, balanceAfter);
            ps.setString(3, refusalCode);
            ps.setString(4, refusalArgs);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.setString(6, checkoutId);
            ps.executeUpdate();
        }
        connection.commit();
    }

    void refunded(String checkoutId, String by, String reason, Instant at) throws SQLException {
        try (var ps = connection.prepareStatement("""
                UPDATE checkout SET status = 'REFUNDED', refunded_at = ?, refunded_by = ?, refund_reason = ?
                WHERE checkout_id = ?""")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, by);
            ps.setString(3, reason);
            ps.setString(4, checkoutId);
            ps.executeUpdate();
        }
        connection.commit();
    }

    /** The lines of the checkout refunded one by one so far, with their points. */
    java.util.Map<Integer, Long> refundedLines(String checkoutId) throws SQLException {
        java.util.Map<Integer, Long> lines = new java.util.TreeMap<>();
        try (var ps = connection.prepareStatement(
                "SELECT line_no, points FROM checkout_line_refund WHERE checkout_id = ?")) {
            ps.setString(1, checkoutId);
            var rs = ps.executeQuery();
            while (rs.next()) {
                lines.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return lines;
    }

    /**
     * Records refunded lines (the primary key refuses a line twice) and the latest refund on the checkout, for the
     * day's refunds; {@code all}: every line is back now, so the checkout is REFUNDED.
     */
    void linesRefunded(String checkoutId, java.util.List<Integer> lineNos, java.util.List<Long> points, String by,
                       String reason, Instant at, boolean all) throws SQLException {
        try (var ps = connection.prepareStatement("""
                INSERT INTO checkout_line_refund (checkout_id, line_no, points, refunded_at, refunded_by, reason)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < lineNos.size(); i++) {
                ps.setString(1, checkoutId);
                ps.setInt(2, lineNos.get(i));
                ps.setLong(3, points.get(i));
                ps.setTimestamp(4, Timestamp.from(at));
                ps.setString(5, by);
                ps.setString(6, reason);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (var ps = connection.prepareStatement("""
                UPDATE checkout SET status = CASE WHEN ? THEN 'REFUNDED' ELSE status END, refunded_at = ?,
                  refunded_by = ?, refund_reason = ? WHERE checkout_id = ?""")) {
            ps.setBoolean(1, all);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, by);
            ps.setString(4, reason);
            ps.setString(5, checkoutId);
            ps.executeUpdate();
        }
        connection.commit();
    }

    @Override
    public void close() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is closed below either way
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to free
            }
        }
    }
}
