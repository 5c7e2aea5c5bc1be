package cn.moralbank.web.error;

import cn.moralbank.points.infra.db.SqlStates;

/**
 * Whether a failure is a request that lost a race with another at the database: a unique key taken by another
 * transaction a moment earlier (two registrations given the same card number, two administrators adding the same
 * code), or a transaction PostgreSQL rolled back for a deadlock or a serialization failure. Nothing was written; the
 * request is answered 409 in the caller's language and may be sent again, never a 500. Checks that can name the
 * taken value say so before writing; this is for the moment between their check and the write. A lock that another
 * transaction held longer than lock_timeout ({@link #busy}) is answered 503 "busy, try again" with Retry-After, as the
 * commands' own lock waits are.
 */
final class LostRaces {
    static final String CODE = "database.conflict";

    private LostRaces() {
    }

    static final String BUSY = "commands.busy";

    static boolean busy(Throwable failure) {
        return SqlStates.lockTimedOut(failure);
    }

    static boolean is(Throwable failure) {
        return SqlStates.inCauses(failure, state -> SqlStates.UNIQUE_VIOLATION.equals(state)
                || SqlStates.lostRace(state));
    }
}
