package cn.moralbank.points.infra.db;

import cn.moralbank.points.common.SqlRows;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A projection's tables are emptied in one TRUNCATE, and only plain table names reach it. */
class TruncatedViewTablesTest {
    private final List<String> sent = new ArrayList<>();
    private final SqlRows sql = (SqlRows) Proxy.newProxyInstance(SqlRows.class.getClassLoader(),
            new Class<?>[]{SqlRows.class}, (proxy, method, args) -> {
                sent.add((String) args[0]);
                return 0;
            });

    @Test
    void emptiesTheTablesTogether() {
        new TruncatedViewTables(sql, new RebuiltTables(null, sql)).empty("passbook_entry", "account_balance");
        assertEquals(List.of("TRUNCATE passbook_entry, account_balance"), sent);
    }

    @Test
    void refusesAnythingButATableName() {
        assertThrows(IllegalArgumentException.class,
                () -> new TruncatedViewTables(sql, new RebuiltTables(null, sql)).empty("passbook_entry; DROP TABLE domain_event_entry"));
        assertEquals(List.of(), sent);
    }
}
