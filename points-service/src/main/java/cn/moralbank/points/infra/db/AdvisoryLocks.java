package cn.moralbank.points.infra.db;

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

    @Override
    public void hold(String name) {
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))", statement -> {
            statement.setString(1, name);
            statement.execute();
            return null;
        });
    }
}
