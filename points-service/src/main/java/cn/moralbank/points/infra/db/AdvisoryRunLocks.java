package cn.moralbank.points.infra.db;

import cn.moralbank.points.common.RunLocks;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@link RunLocks} as PostgreSQL's session-level advisory locks, each on a connection of its own taken from the pool
 * outside Micronaut's transaction binding, kept for as long as the run holds the lock: the lock goes with the
 * connection, so a node that dies mid-run frees it.
 */
@Singleton
final class AdvisoryRunLocks implements RunLocks {
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryRunLocks.class);
    private final DataSource dataSource;

    AdvisoryRunLocks(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Override
    public Optional<Held> tryHold(long key) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (!ask(connection, "SELECT pg_try_advisory_lock(?)", key)) {
                connection.close();
                return Optional.empty();
            }
            Connection holding = connection;
            return Optional.of(() -> release(holding, key));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("the run's lock could not be asked for: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean held(long key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                     + "AND granted AND ((classid::bigint << 32) | objid::bigint) = ?")) {
            ps.setLong(1, key);
            try (var rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private static void release(Connection connection, long key) {
        try {
            ask(connection, "SELECT pg_advisory_unlock(?)", key);
        } catch (SQLException e) {
            LOG.warn("a run's lock could not be released at once; it goes with its connection: {}", e.getMessage());
        } finally {
            closeQuietly(connection);
        }
    }

    private static boolean ask(Connection c, String sql, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (var rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // the pool discards a broken connection
        }
    }
}
