package cn.moralbank.web.error;

import io.micronaut.data.connection.exceptions.ConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.*;

/** Which failures mean "the database cannot be reached just now" (answered 503 with Retry-After), and which not. */
class DatabaseOutageTest {

    @Test
    void aDatabaseThatCannotBeReachedIsAnOutage() {
        assertTrue(DatabaseOutage.is(new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)));
        assertTrue(DatabaseOutage.is(new RuntimeException(new PSQLException("gone", PSQLState.CONNECTION_FAILURE))));
        assertTrue(DatabaseOutage.is(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseOutage.is(new SQLException("the database system is starting up", "57P03")));
        assertTrue(DatabaseOutage.is(new SQLException("too many clients", "53300")));
        assertTrue(DatabaseOutage.is(new SQLTransientConnectionException("pool: connection is not available")));
        assertTrue(DatabaseOutage.is(new IllegalStateException(new ConnectException("Connection refused"))));
        // a pooled connection the stopped database had closed, found when Micronaut prepares it (no SQL state)
        assertTrue(DatabaseOutage.is(new ConnectionException(
                "Could not set JDBC Connection read-only: Connection is closed", new SQLException("Connection is closed"))));
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertFalse(DatabaseOutage.is(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseOutage.is(new SQLException("invalid byte sequence", "22021")));
        assertFalse(DatabaseOutage.is(new IllegalArgumentException("bad")));
        assertFalse(DatabaseOutage.is(null));
    }
}
