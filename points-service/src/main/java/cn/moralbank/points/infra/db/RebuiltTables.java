package cn.moralbank.points.infra.db;

import cn.moralbank.points.common.SqlRows;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The read models' tables a rebuild emptied ({@link TruncatedViewTables}), and what a rebuild of every projection does
 * with them besides refilling them:
 * <ul>
 *   <li>Their secondary indexes (not unique) are dropped while the tables fill, and built again at the end: building
 *   an index over a full table is far cheaper than keeping it up to date row by row (docs/performance.md, "Session
 *   12"). Only readers use them: a projection finds the rows it changes by their keys, which are unique indexes and
 *   stay. Each definition is kept in {@code deferred_index}, written in the transaction that drops it, so the indexes
 *   of a rebuild stopped half-way are built at the next start ({@link #buildDeferredIndexes}). Only the owner of a
 *   table may drop and build its indexes: a rebuild run as the application role (ops/db-grants.sql) keeps them.</li>
 *   <li>They are vacuumed and their statistics refreshed ({@link #vacuum}); the event store, which a rebuild does
 *   not change, is left alone.</li>
 * </ul>
 */
@Singleton
public final class RebuiltTables {
    private static final Logger LOG = LoggerFactory.getLogger(RebuiltTables.class);

    /**
     * What {@code pg_get_indexdef} writes for a plain index of a table in this schema: one statement, no {@code ;}.
     */
    private static final Pattern INDEX_DEFINITION = Pattern.compile(
            "CREATE INDEX [a-z_][a-z0-9_]* ON [a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]* USING [a-z]+ \\([^;]*");

    private final Set<String> emptied = ConcurrentHashMap.newKeySet();
    private final DataSource dataSource;
    private final SqlRows sql;

    RebuiltTables(DataSource dataSource, SqlRows sql) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.sql = sql;
    }

    void emptied(List<String> tables) {
        emptied.addAll(tables);
    }

    /**
     * Drops the secondary indexes of the tables emptied so far that this database user owns, keeping their
     * definitions; answers their names.
     */
    public List<String> deferIndexes() {
        List<String> owned = ownedTables();
        if (owned.isEmpty()) {
            // the application role, which may not write deferred_index at all
            return List.of();
        }
        List<String[]> indexes = sql.list("""
                SELECT c.relname, pg_get_indexdef(x.indexrelid)
                FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY(?)
                  AND NOT x.indisunique AND NOT x.indisprimary AND NOT x.indisexclusion
                ORDER BY c.relname""", rs -> new String[]{rs.getString(1), rs.getString(2)},
                (Object) owned.toArray(String[]::new));
        if (indexes.isEmpty()) {
            return List.of();
        }
        List<String> names = indexes.stream().map(index -> index[0]).toList();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.prepareStatement(
                    "INSERT INTO deferred_index (name, definition) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                for (String[] index : indexes) {
                    statement.setString(1, index[0]);
                    statement.setString(2, index[1]);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            try (var statement = connection.createStatement()) {
                for (String name : names) {
                    statement.execute("DROP INDEX " + quoted(name));
                }
            }
            connection.commit();
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException("The read models' indexes could not be set aside for the rebuild", e);
        }
    }

    /**
     * Builds every index a rebuild set aside; answers how many. Each is crossed off and built in one transaction, so
     * two processes starting together build each once (the second waits on the row, then finds it gone), and a build
     * that fails leaves its row. Only a definition of the shape PostgreSQL gave is run: the table is written by the
     * owner alone (ops/db-grants.sql), and this is a second guard.
     */
    public int buildDeferredIndexes() {
        List<String> names = sql.list("SELECT name FROM deferred_index ORDER BY name", rs -> rs.getString(1));
        int built = 0;
        for (String name : names) {
            if (build(name)) {
                built++;
            }
        }
        return built;
    }

    private boolean build(String name) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var delete = connection.prepareStatement(
                    "DELETE FROM deferred_index WHERE name = ? RETURNING definition");
                 var statement = connection.createStatement()) {
                delete.setString(1, name);
                String definition;
                try (var rs = delete.executeQuery()) {
                    if (!rs.next()) {
                        connection.rollback();
                        return false;
                    }
                    definition = rs.getString(1);
                }
                if (!INDEX_DEFINITION.matcher(definition).matches()
                        || !definition.startsWith("CREATE INDEX " + name + " ON ")) {
                    throw new IllegalStateException("Not an index definition this application set aside: " + name);
                }
                statement.execute("SET LOCAL maintenance_work_mem = '128MB'");
                statement.execute(definition.replaceFirst("^CREATE INDEX ", "CREATE INDEX IF NOT EXISTS "));
                connection.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The read-model index " + name + " could not be built again", e);
        }
    }

    /**
     * Leaves the emptied tables, full again, as the nodes started next should find them. Their statistics are
     * refreshed: tables filled in minutes would otherwise be planned as if nearly empty until autovacuum gets to them
     * (a county's top 100 households then sorted the whole county; docs/performance.md, "What the figures
     * prompted"). They are vacuumed, and the rebuild's writes flushed to disk (a checkpoint, where the database user
     * may ask for one): otherwise autovacuum and the checkpointer did this work in the first minutes of serving, and
     * kiosks waited many times longer than usual (docs/performance.md, "Session 12"). Only tables this user owns can
     * be vacuumed; the others are left to autovacuum.
     */
    public void vacuum(PrintStream out) {
        List<String> owned = ownedTables();
        if (owned.isEmpty()) {
            out.println("Tables not vacuumed: this database user owns none of them (autovacuum will)");
            return;
        }
        long began = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
             var statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE) " + String.join(", ", owned.stream().map(RebuiltTables::quoted)
                    .toList()));
            out.printf("%d tables vacuumed and their statistics refreshed in %.1f s%n", owned.size(),
                    (System.nanoTime() - began) / 1e9);
            emptied.removeAll(owned);
        } catch (SQLException e) {
            out.println("VACUUM failed (" + e.getMessage() + "); autovacuum will do it later");
            return;
        }
        began = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
             var statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
            out.printf("Written to disk (CHECKPOINT) in %.1f s%n", (System.nanoTime() - began) / 1e9);
        } catch (SQLException e) {
            out.println("No checkpoint (" + e.getMessage() + "); PostgreSQL writes the rebuild out in its own time");
        }
    }

    /** At start: the indexes of a rebuild that was stopped half-way. */
    @EventListener
    void onStartup(StartupEvent event) {
        try {
            int built = buildDeferredIndexes();
            if (built > 0) {
                LOG.warn("Built {} read-model indexes that an unfinished rebuild had set aside", built);
            }
        } catch (IllegalStateException e) {
            // the node serves, more slowly; docs/operations.md says what to do
            LOG.error("Read-model indexes set aside by an unfinished rebuild are still missing: start once as the"
                    + " owner role of the tables, or run replay as it", e);
        }
    }

    /** The emptied tables this database user owns: only the owner may drop or build their indexes, or vacuum them. */
    private List<String> ownedTables() {
        if (emptied.isEmpty()) {
            return List.of();
        }
        return sql.list("""
                SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'
                  AND relname = ANY(?) AND pg_has_role(relowner, 'USAGE') ORDER BY relname""",
                rs -> rs.getString(1), (Object) emptied.toArray(String[]::new));
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
