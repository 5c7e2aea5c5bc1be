package cn.moralbank.points.common;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL reads and writes for the read models whose queries Micronaut Data cannot derive (ranks, sums over
 * prefixes, batches). The read side owns this port; infra.db implements it on the current transaction's connection.
 * It speaks JDBC types (a row is a {@link ResultSet}), so it belongs to the application ring, never to the domain:
 * aggregates, messages and policies do not see it (ArchitectureRulesTest).
 */
@ApplicationRing
public interface SqlRows {
    /** Stands for an SQL NULL of type integer among the arguments (a bare null has no type to bind with). */
    Object NULL_INT = new Object();

    @FunctionalInterface
    interface Statement<R> {
        R run(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Runs a statement, joining the current connection if there is one. */
    <R> R prepare(String sql, Statement<R> work);

    <T> List<T> list(String sql, Mapper<T> mapper, Object... arguments);

    <T> Optional<T> one(String sql, Mapper<T> mapper, Object... arguments);

    long count(String sql, Object... arguments);

    int update(String sql, Object... arguments);

    /** The lowest string above every string that starts with {@code prefix}, in byte order (collation "C"). */
    static String after(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }
}
