package cn.moralbank.points.infra.db;

import cn.moralbank.points.common.ViewTables;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Sql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rebuild sets the emptied tables' secondary indexes aside and builds them again; a rebuild stopped in between
 * leaves them to the next start.
 */
@MicronautTest(transactional = false)
class RebuiltTablesTest extends DatabaseTest {
    @Inject ViewTables viewTables;
    @Inject RebuiltTables rebuilt;
    @Inject DataSource dataSource;

    @Test
    void secondaryIndexesAreSetAsideWhileTheTableFillsAndBuiltAgain() {
        Sql sql = new Sql(dataSource);
        sql.update("CREATE TABLE rebuilt_view (id int PRIMARY KEY, code varchar UNIQUE, v int, w int)");
        sql.update("CREATE INDEX rebuilt_view_v ON rebuilt_view (v DESC, w) WHERE w > 0");
        sql.update("INSERT INTO rebuilt_view SELECT g, 'c' || g, g % 7, g FROM generate_series(1, 100) g");

        viewTables.empty("rebuilt_view");
        List<String> deferred = rebuilt.deferIndexes();
        assertTrue(deferred.contains("rebuilt_view_v"), deferred.toString());
        assertFalse(deferred.contains("rebuilt_view_pkey") || deferred.contains("rebuilt_view_code_key"),
                "a primary key or a unique index stays: " + deferred);
        assertEquals("rebuilt_view_code_key,rebuilt_view_pkey", indexes(sql));
        assertEquals(1L, sql.single("SELECT count(*) FROM deferred_index WHERE name = 'rebuilt_view_v'"));

        sql.update("INSERT INTO rebuilt_view SELECT g, 'c' || g, g % 7, g FROM generate_series(1, 100) g");
        assertEquals(deferred.size(), rebuilt.buildDeferredIndexes());
        assertEquals("rebuilt_view_code_key,rebuilt_view_pkey,rebuilt_view_v", indexes(sql));
        assertEquals("CREATE INDEX rebuilt_view_v ON public.rebuilt_view USING btree (v DESC, w) WHERE (w > 0)",
                sql.single("SELECT indexdef FROM pg_indexes WHERE indexname = 'rebuilt_view_v'"));
        assertEquals(0L, sql.single("SELECT count(*) FROM deferred_index"));
    }

    @Test
    void aRebuildStoppedHalfWayHasItsIndexesBuiltAtTheNextStart() {
        Sql sql = new Sql(dataSource);
        sql.update("CREATE TABLE stopped_view (id int PRIMARY KEY, v int)");
        sql.update("CREATE INDEX stopped_view_v ON stopped_view (v)");
        sql.update("CREATE INDEX stopped_view_built ON stopped_view (v, id)");
        viewTables.empty("stopped_view");
        rebuilt.deferIndexes();
        // stopped after building one index again, before crossing it off
        sql.update("CREATE INDEX stopped_view_built ON stopped_view (v, id)");

        rebuilt.onStartup(null);
        assertEquals("stopped_view_built,stopped_view_pkey,stopped_view_v",
                sql.single("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
                        + " WHERE tablename = 'stopped_view'"));
        assertEquals(0L, sql.single("SELECT count(*) FROM deferred_index"));
    }

    @Test
    void aDefinitionOfAnyOtherShapeIsNotRun() {
        Sql sql = new Sql(dataSource);
        sql.update("CREATE TABLE guarded_view (id int PRIMARY KEY)");
        sql.update("INSERT INTO deferred_index VALUES ('guarded_view_id',"
                + " 'CREATE INDEX guarded_view_id ON public.guarded_view USING btree (id); DROP TABLE guarded_view')");
        assertThrows(IllegalStateException.class, () -> rebuilt.buildDeferredIndexes());
        rebuilt.onStartup(null);
        assertEquals(1L, sql.single("SELECT count(*) FROM pg_class WHERE relname = 'guarded_view'"));
        assertEquals(1L, sql.single("SELECT count(*) FROM deferred_index WHERE name = 'guarded_view_id'"),
                "left for the owner to look at");
        sql.update("DELETE FROM deferred_index");
    }

    private static String indexes(Sql sql) {
        return (String) sql.single("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
                + " WHERE tablename = 'rebuilt_view'");
    }
}
