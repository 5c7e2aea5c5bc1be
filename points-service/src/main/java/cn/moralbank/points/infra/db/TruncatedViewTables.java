package cn.moralbank.points.infra.db;

import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.common.ViewTables;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@link ViewTables} with PostgreSQL's {@code TRUNCATE}: it takes the tables' own lock until the rebuild's first
 * transaction commits, which the rebuild may (it runs while no node serves, docs/operations.md), and leaves no dead row
 * for vacuum; {@code DELETE} left every old row dead in the table and its indexes while the new ones were written.
 */
@Singleton
final class TruncatedViewTables implements ViewTables {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final SqlRows sql;
    private final RebuiltTables rebuilt;

    TruncatedViewTables(SqlRows sql, RebuiltTables rebuilt) {
        this.sql = sql;
        this.rebuilt = rebuilt;
    }

    @Override
    public void empty(String... tables) {
        if (tables.length == 0) {
            return;
        }
        for (String table : tables) {
            if (!NAME.matcher(table).matches()) {
                throw new IllegalArgumentException("not a table name: " + table);
            }
        }
        sql.update("TRUNCATE " + String.join(", ", tables));
        rebuilt.emptied(List.of(tables));
    }
}
