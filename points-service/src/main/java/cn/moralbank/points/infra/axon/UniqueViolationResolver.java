package cn.moralbank.points.infra.axon;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * PostgreSQL's unique violation (SQL state 23505) on the event store's (aggregate, sequence) key means another node
 * or thread appended to the same aggregate first. Axon then raises a ConcurrencyException, which the command gateway
 * retries against the fresh state.
 */
final class UniqueViolationResolver implements PersistenceExceptionResolver {
    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
