package cn.moralbank.web.error;

import cn.moralbank.points.infra.db.SqlStates;
import io.micronaut.data.connection.exceptions.ConnectionException;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure means the database cannot be reached just now (stopped, restarting, cut off, out of
 * connections) rather than a fault of the application: such a request is answered 503 with Retry-After, in the
 * caller's language, and may simply be sent again.
 */
final class DatabaseOutage {
    static final String CODE = "database.unavailable";
    static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseOutage() {
    }

    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Micronaut's failure to get or prepare a connection: the pool handed out one the database had closed
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException
                    || t instanceof SocketException || t instanceof EOFException
                    || t instanceof ConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && SqlStates.unreachable(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
