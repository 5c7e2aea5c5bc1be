package cn.moralbank.points.infra.db;

import cn.moralbank.points.common.SqlRows;

import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link SqlRows} on Micronaut's JDBC operations: on the connection of the current transaction (a projection's
 * batch), or on a connection of its own outside one (a page's read).
 */
@Singleton
final class JdbcSqlRows implements SqlRows {
    private final JdbcOperations jdbc;
    private final ConnectionOperations<Connection> connections;

    JdbcSqlRows(JdbcOperations jdbc, ConnectionOperations<Connection> connections) {
        this.jdbc = jdbc;
        this.connections = connections;
    }

    @Override
    public <R> R prepare(String sql, Statement<R> work) {
        return connections.execute(ConnectionDefinition.DEFAULT, status -> jdbc.prepareStatement(sql, work::run));
    }

    @Override
    public <T> List<T> list(String sql, Mapper<T> mapper, Object... arguments) {
        return prepare(sql, statement -> {
            planForTheseValues(statement);
            bind(statement, arguments);
            List<T> rows = new ArrayList<>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        });
    }

    @Override
    public <T> Optional<T> one(String sql, Mapper<T> mapper, Object... arguments) {
        List<T> rows = list(sql, mapper, arguments);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    @Override
    public long count(String sql, Object... arguments) {
        return one(sql, rs -> rs.getLong(1), arguments).orElse(0L);
    }

    @Override
    public int update(String sql, Object... arguments) {
        return prepare(sql, statement -> {
            bind(statement, arguments);
            return statement.executeUpdate();
        });
    }

    /**
     * A read over a path prefix selects 30 rows (a grid) or 100,000 (a county): no single plan fits both. PgJDBC
     * turns a statement used five times into a server-prepared one that PostgreSQL then plans once for any values,
     * and that generic plan sorted a whole county for its top 100, many times slower than a plan for the prefix
     * given (docs/performance.md, "What the figures prompted", rankings planned for their own values). These reads
     * stay unnamed statements, planned for the values they carry.
     */
    private static void planForTheseValues(PreparedStatement statement) throws SQLException {
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
    }

    private static void bind(PreparedStatement statement, Object[] arguments) throws SQLException {
        for (int i = 0; i < arguments.length; i++) {
            Object argument = arguments[i];
            if (argument instanceof String[] strings) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("varchar", strings));
            } else if (argument instanceof Long[] longs) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("bigint", longs));
            } else if (argument == NULL_INT) {
                statement.setNull(i + 1, Types.INTEGER);
            } else if (argument instanceof Instant at) {
                statement.setTimestamp(i + 1, Timestamp.from(at));
            } else {
                statement.setObject(i + 1, argument);
            }
        }
    }
}
