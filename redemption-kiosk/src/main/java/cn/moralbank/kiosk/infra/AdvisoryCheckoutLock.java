package cn.moralbank.kiosk.infra;

import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.checkout.CheckoutOutcome;
import cn.moralbank.kiosk.checkout.CheckoutStatus;
import cn.moralbank.kiosk.checkout.CheckoutStore;
import cn.moralbank.points.common.DatabaseFailures;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The lock of one checkout, held on a connection of its own for as long as a node drives or refunds the checkout.
 * The connection is taken from the pool directly, outside Micronaut's transaction binding, so the commands the
 * checkout sends meanwhile run in their own transactions exactly as anywhere else (and Axon's retries of a lost
 * concurrency race work as usual). Closing without a write rolls back and frees the lock.
 * <p>
 * The lock is a transaction-level advisory lock on the checkout's id, not the row's lock ({@code FOR UPDATE}): a row
 * lock gives its transaction an id, and the projections read only events below the oldest transaction id still
 * running (ADR 0007). Held across the checkout's commands, it kept every event any kiosk appended meanwhile from the
 * views until the checkout ended, and with checkouts overlapping the views fell seconds behind (docs/performance.md,
 * "Projection lag"). An advisory lock needs no transaction id; the transaction takes one only for the short update
 * that ends the hold. Like the row lock, it is released only when the transaction ends, after its update is visible.
 * <p>
 * Only tried, never waited for (the recovery job of checkouts an earlier version left half-way passes over one
 * another node holds). A lock timeout of the database (as {@link DatabaseFailures#lockTimedOut} tells) is answered as
 * the refusal {@code checkout.busy}; any other failure of the database as an {@link IllegalStateException}.
 */
final class AdvisoryCheckoutLock implements CheckoutStore.Lock {
    /** The advisory locks' first key, "ckot" in ASCII: the checkout's lock, apart from any other advisory lock. */
    static final int LOCK_CLASS = 0x636b6f74;

    private final Connection connection;
    private final DatabaseFailures failures;
    private final String checkoutId;
    private final CheckoutStatus status;

    private AdvisoryCheckoutLock(Connection connection, DatabaseFailures failures, String checkoutId,
                                 CheckoutStatus status) {
        this.connection = connection;
        this.failures = failures;
        this.checkoutId = checkoutId;
        this.status = status;
    }

    /**
     * The checkout's lock if no one holds it now (the recovery job passes over a checkout another node drives): empty
     * if another transaction holds it or the checkout does not exist.
     */
    static Optional<CheckoutStore.Lock> tryLock(DataSource dataSource, DatabaseFailures failures, String checkoutId) {
        try {
            return Optional.ofNullable(acquire(dataSource, failures, checkoutId));
        } catch (SQLException e) {
            throw translated(failures, checkoutId, e);
        }
    }

    private static AdvisoryCheckoutLock acquire(DataSource dataSource, DatabaseFailures failures, String checkoutId)
            throws SQLException {
        Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        try {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '1s'");
            }
            try (var ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?, hashtext(?))")) {
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
            try (var ps = c.prepareStatement("SELECT status FROM checkout WHERE checkout_id = ?")) {
                ps.setString(1, checkoutId);
                var rs = ps.executeQuery();
                if (!rs.next()) {
                    c.rollback();
                    c.close();
                    return null;
                }
                return new AdvisoryCheckoutLock(c, failures, checkoutId, CheckoutStatus.valueOf(rs.getString(1)));
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public CheckoutStatus status() {
        return status;
    }

    @Override
    public void finish(CheckoutOutcome outcome, Instant at) {
        try (var ps = connection.prepareStatement("""
                UPDATE checkout SET status = ?, balance_after = ?, refusal_code = ?, refusal_args = ?, finished_at = ?
                WHERE checkout_id = ?""")) {
            ps.setString(1, outcome.status().name());
            ps.setObject(2, outcome.balanceAfter());
            ps.setString(3, outcome.refusalCode());
            ps.setString(4, outcome.refusalArgs());
            ps.setTimestamp(5, Timestamp.from(at));
            ps.setString(6, checkoutId);
            ps.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            throw translated(failures, checkoutId, e);
        }
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

    /** A lock timeout anywhere in a failure's causes as {@code checkout.busy}; else the failure. */
    static RuntimeException busyOr(DatabaseFailures failures, RuntimeException failure) {
        return failures.lockTimedOut(failure) ? new KioskRefusal("checkout.busy") : failure;
    }

    private static RuntimeException translated(DatabaseFailures failures, String checkoutId, SQLException e) {
        if (failures.lockTimedOut(e)) {
            return new KioskRefusal("checkout.busy");
        }
        return new IllegalStateException("checkout " + checkoutId, e);
    }
}
