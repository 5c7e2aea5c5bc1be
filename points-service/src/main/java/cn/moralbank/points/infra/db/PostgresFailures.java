package cn.moralbank.points.infra.db;

import cn.moralbank.points.common.DatabaseFailures;
import jakarta.inject.Singleton;

/** {@link DatabaseFailures} read from PostgreSQL's SQL states ({@link SqlStates}). */
@Singleton
final class PostgresFailures implements DatabaseFailures {
    @Override
    public boolean lockTimedOut(Throwable failure) {
        return SqlStates.lockTimedOut(failure);
    }
}
