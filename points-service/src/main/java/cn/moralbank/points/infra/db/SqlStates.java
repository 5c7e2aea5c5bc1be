package cn.moralbank.points.infra.db;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What PostgreSQL's SQL states in a failure mean, in one place: every check of a state in the product goes through
 * here (the projections' transient failures, the commands' and the checkout's lock timeouts, lost races, the 503 of
 * an unreachable database). Outside infra the same question is asked through {@link PostgresFailures}, the port
 * {@code common.DatabaseFailures}.
 */
public final class SqlStates {
    /** lock_not_available: a lock stayed taken longer than the transaction's lock_timeout. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";

    /**
     * unique_violation: on the event store's (aggregate, sequence) key, another node or thread appended to the same
     * aggregate first (Axon's {@code SQLStateResolver} turns it into the ConcurrencyException the gateway retries).
     */
    public static final String UNIQUE_VIOLATION = "23505";

    private SqlStates() {
    }

    /** Whether any {@link SQLException} in the failure's chain of causes has a state that {@code matches}. */
    public static boolean inCauses(Throwable failure, Predicate<String> matches) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && matches.test(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a lock stayed taken longer than lock_timeout ({@value #LOCK_NOT_AVAILABLE}) anywhere in the causes. */
    public static boolean lockTimedOut(Throwable failure) {
        return inCauses(failure, LOCK_NOT_AVAILABLE::equals);
    }

    /** A transaction that lost to another and may simply run again: serialization failure (40001), deadlock (40P01). */
    public static boolean lostRace(String state) {
        return "40001".equals(state) || "40P01".equals(state);
    }

    /** Transaction rollback (class 40: serialization failure, deadlock and their kin): nothing was written. */
    public static boolean rolledBack(String state) {
        return state != null && state.startsWith("40");
    }

    /**
     * The database cannot be reached just now: connection exceptions (class 08), insufficient resources (53),
     * operator intervention (57P: shut down, crashed, cannot connect now).
     */
    public static boolean unreachable(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"));
    }
}
