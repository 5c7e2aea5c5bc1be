package cn.moralbank.points.infra.db;

import cn.moralbank.points.common.TryAgainLater;
import cn.moralbank.points.common.TransactionLocks;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

/** {@link TransactionLocks} as PostgreSQL's transaction-scoped advisory locks (pg_advisory_xact_lock). */
@Singleton
final class AdvisoryLocks implements TransactionLocks {
    private final JdbcOperations jdbc;

    AdvisoryLocks(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean tryHold(long key) {
        return jdbc.prepareStatement("SELECT pg_try_advisory_xact_lock(?)", statement -> {
            statement.setLong(1, key);
            try (var rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    /**
     * Waits at most the connection's lock_timeout (application.yml); a lock held longer by another transaction (an
     * import's chunk, under load) is answered "busy, try again" ({@link TryAgainLater}), never a server error.
     */
    @Override
    public void hold(String name) {
        try {
            jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))", statement -> {
                statement.setString(1, name);
                statement.execute();
                return null;
            });
        } catch (RuntimeException e) {
            if (SqlStates.lockTimedOut(e)) {
                throw new TryAgainLater("commands.busy", e);
            }
            throw e;
        }
    }
}
