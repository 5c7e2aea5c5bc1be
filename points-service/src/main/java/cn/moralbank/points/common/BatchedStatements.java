package cn.moralbank.points.common;

import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A projection's SQL statements, gathered over a batch of events ({@link PerBatch}) and sent when it commits as a
 * few JDBC batches instead of a round trip each: a rebuild handles a thousand events per batch.
 *
 * <p>Each statement names the key of the rows it touches (a deed, a household). Statements of one key run in the
 * order they were given; statements of different keys touch different rows and may run in any order. So the
 * statements are sent in waves: each wave is one SQL text, taking every statement with that text whose key has no
 * earlier statement still waiting. A deed reported and voted on in one batch is inserted before it is updated, and
 * the batch's hundred votes go in one wave.
 *
 * <p>A handler must not read rows that a statement still waiting would change: it would see them as they were
 * before the batch.
 */
@Singleton
public class BatchedStatements {
    private final ConnectionOperations<Connection> connections;

    BatchedStatements(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    /** Runs {@code sql} with {@code arguments} when the batch of {@code projection} commits (or now, outside one). */
    public void add(String projection, String key, String sql, Object... arguments) {
        PerBatch.change(name(projection), ArrayList<Waiting>::new, this::send,
                waiting -> waiting.add(new Waiting(key, sql, arguments)));
    }

    /**
     * Sends the statements of {@code projection} waiting in this batch now, if one of them touches {@code key}: a
     * handler about to read that key's rows then sees them as the batch left them.
     */
    public void sendBeforeReading(String projection, String key) {
        PerBatch.<List<Waiting>>current(name(projection)).ifPresent(waiting -> {
            if (waiting.stream().anyMatch(statement -> statement.key().equals(key))) {
                send(List.copyOf(waiting));
                waiting.clear();
            }
        });
    }

    private static String name(String projection) {
        return BatchedStatements.class.getName() + "/" + projection;
    }

    /** Runs {@code sql} once for each row of arguments, now, as one JDBC batch on the current connection. */
    public void sendNow(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Waiting> wave = rows.stream().map(arguments -> new Waiting("", sql, arguments)).toList();
        connections.execute(ConnectionDefinition.DEFAULT, status -> {
            run(status.getConnection(), sql, wave);
            return null;
        });
    }

    private record Waiting(String key, String sql, Object[] arguments) {
    }

    private void send(List<Waiting> statements) {
        if (statements.isEmpty()) {
            return;
        }
        connections.execute(ConnectionDefinition.DEFAULT, status -> {
            List<Waiting> left = statements;
            while (!left.isEmpty()) {
                String sql = left.get(0).sql();
                List<Waiting> wave = new ArrayList<>();
                List<Waiting> later = new ArrayList<>();
                Set<String> blocked = new HashSet<>();
                for (Waiting statement : left) {
                    if (statement.sql().equals(sql) && !blocked.contains(statement.key())) {
                        wave.add(statement);
                    } else {
                        later.add(statement);
                        blocked.add(statement.key());
                    }
                }
                run(status.getConnection(), sql, wave);
                left = later;
            }
            return null;
        });
    }

    private static void run(Connection connection, String sql, List<Waiting> wave) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (wave.size() == 1) {
                bind(statement, wave.get(0).arguments());
                statement.executeUpdate();
                return;
            }
            for (Waiting waiting : wave) {
                bind(statement, waiting.arguments());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("A projection's batched statement failed: " + sql, e);
        }
    }

    private static void bind(PreparedStatement statement, Object[] arguments) throws SQLException {
        for (int i = 0; i < arguments.length; i++) {
            Object argument = arguments[i];
            if (argument instanceof Instant at) {
                statement.setObject(i + 1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            } else if (argument instanceof Enum<?> name) {
                statement.setString(i + 1, name.name());
            } else {
                statement.setObject(i + 1, argument);
            }
        }
    }
}
