package cn.moralbank.points.infra.db;

import cn.moralbank.points.common.BatchedStatements;
import cn.moralbank.points.common.PerBatch;

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
 * {@link BatchedStatements} on JDBC: the statements gathered over a batch ({@link PerBatch}) are sent when it commits
 * as a few JDBC batches, in waves, as the port describes.
 */
@Singleton
class JdbcBatchedStatements implements BatchedStatements {
    private final ConnectionOperations<Connection> connections;
    private final PerBatch perBatch;

    JdbcBatchedStatements(ConnectionOperations<Connection> connections, PerBatch perBatch) {
        this.connections = connections;
        this.perBatch = perBatch;
    }

    @Override
    public void add(String projection, String key, String sql, Object... arguments) {
        // what was sent is cleared: a reader may have sent the list already (sendWaiting), or send it after this
        perBatch.change(name(projection), ArrayList<Waiting>::new, this::sendAndClear,
                waiting -> waiting.add(new Waiting(key, sql, arguments)));
    }

    @Override
    public void sendWaiting(String projection) {
        perBatch.<List<Waiting>>current(name(projection)).ifPresent(this::sendAndClear);
    }

    private void sendAndClear(List<Waiting> waiting) {
        send(List.copyOf(waiting));
        waiting.clear();
    }

    private static String name(String projection) {
        return BatchedStatements.class.getName() + "/" + projection;
    }

    @Override
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
