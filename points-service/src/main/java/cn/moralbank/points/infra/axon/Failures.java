package cn.moralbank.points.infra.axon;

import cn.moralbank.points.infra.db.SqlStates;
import org.axonframework.messaging.deadletter.ThrowableCause;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells a projection's failures apart: a transient one (the database unreachable, shutting down, out of resources, a
 * serialization failure or deadlock) says nothing about the event and is retried with the whole batch, as before; any
 * other is the event's own, and the event is parked in the dead-letter queue (docs/adr/0006-poison-events.md).
 */
final class Failures {
    private static final int MAX_MESSAGE = ThrowableCause.TRUNCATED_MESSAGE_SIZE;

    private Failures() {
    }

    /**
     * Whether anything in the cause chain is transient: SQL states of class 08 (connection), 40 (transaction rollback:
     * serialization failure, deadlock), 53 (insufficient resources), 57P (operator intervention: shutdown, crash
     * recovery), JDBC's transient and recoverable exceptions, and a broken socket.
     */
    static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof SQLException sql && transientState(sql.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean transientState(String state) {
        return SqlStates.unreachable(state) || SqlStates.rolledBack(state);
    }

    /**
     * The cause a dead letter keeps: the failure's class, and the messages of its chain (with their SQL states), as
     * text PostgreSQL can store (no NUL or other control characters, which an event's own text may have put into a
     * message) and no longer than Axon's column.
     */
    static ThrowableCause cause(Throwable failure) {
        StringBuilder message = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (!message.isEmpty()) {
                message.append(" <- ");
            }
            message.append(t.getClass().getSimpleName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                message.append(" [").append(sql.getSQLState()).append(']');
            }
            if (t.getMessage() != null) {
                message.append(": ").append(t.getMessage());
            }
        }
        return new ThrowableCause(rootType(failure), printable(message.toString(), MAX_MESSAGE));
    }

    /** The innermost cause's class: what actually failed (e.g. org.postgresql.util.PSQLException). */
    private static String rootType(Throwable failure) {
        Throwable root = failure;
        Set<Throwable> seen = new HashSet<>();
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        return root.getClass().getName();
    }

    /** Control characters (NUL among them) shown as \\uXXXX, then cut to {@code max} characters. */
    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                out.append(String.format("\\u%04x", (int) c));
            } else if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        return out.length() > max ? out.substring(0, max) : out.toString();
    }
}
