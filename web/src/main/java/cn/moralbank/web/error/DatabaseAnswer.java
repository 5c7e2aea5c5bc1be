package cn.moralbank.web.error;

import io.micronaut.http.HttpStatus;

import java.util.Optional;

/**
 * How a server error the database caused is answered instead of 500, in the caller's language, nothing having been
 * written: the database out of reach ({@link DatabaseOutage}: 503, Retry-After), a lock held longer than lock_timeout
 * ({@link LostRaces#busy}: 503, Retry-After), a race lost at the database ({@link LostRaces#is}: 409).
 */
public record DatabaseAnswer(HttpStatus status, String code, boolean retryAfter) {

    public static Optional<DatabaseAnswer> of(Throwable failure) {
        if (DatabaseOutage.is(failure)) {
            return Optional.of(new DatabaseAnswer(HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.CODE, true));
        }
        if (LostRaces.busy(failure)) {
            return Optional.of(new DatabaseAnswer(HttpStatus.SERVICE_UNAVAILABLE, LostRaces.BUSY, true));
        }
        if (LostRaces.is(failure)) {
            return Optional.of(new DatabaseAnswer(HttpStatus.CONFLICT, LostRaces.CODE, false));
        }
        return Optional.empty();
    }

    /** The database is out of reach: the page must not ask it for anything more (the county's name). */
    public boolean outage() {
        return code.equals(DatabaseOutage.CODE);
    }
}
