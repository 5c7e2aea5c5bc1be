package cn.moralbank.web.testing;

import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.points.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;

import javax.sql.DataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo county for HTTP tests, loaded once per test JVM and copied for every test class. The first class to ask
 * starts the application (no server) on a fresh database with {@code moralbank.demo.load}, waits until every view
 * holds every demo event, stops it and releases the processors' token claims; every class then gets its own
 * database made from that one by PostgreSQL's CREATE DATABASE ... TEMPLATE. A class's application finds the demo
 * loaded (the demo_load marker) and its views caught up, as a restarted county would, instead of loading it again.
 */
public final class DemoDatabase {
    private static String template;

    private DemoDatabase() {
    }

    /** Datasource properties of a new database holding the demo county, as loaded with {@code settings}. */
    public static synchronized Map<String, Object> copy(Map<String, ?> settings) {
        if (template == null) {
            template = load(settings);
        }
        return TestDatabase.copyOf(template);
    }

    private static String load(Map<String, ?> settings) {
        Map<String, Object> database = TestDatabase.freshDatabaseProperties();
        Map<String, Object> props = new HashMap<>(settings);
        props.putAll(database);
        props.put("moralbank.demo.load", "true");
        props.put("micronaut.server.port", "-1");
        // the load alone writes: no job adds events whose presence would depend on how long the load took
        props.put("moralbank.deeds.objection-job.enabled", "false");
        props.put("moralbank.kiosk.recovery.enabled", "false");
        try (ApplicationContext context = ApplicationContext.builder().environments("test").properties(props)
                .start()) {
            awaitViews(new Sql(context.getBean(DataSource.class)));
        }
        String url = String.valueOf(database.get("datasources.default.url"));
        try (var c = DriverManager.getConnection(url, String.valueOf(database.get("datasources.default.username")),
                String.valueOf(database.get("datasources.default.password"))); var s = c.createStatement()) {
            // a stopped node's claims would hold each copy's processors back for the claim timeout
            s.executeUpdate("UPDATE token_entry SET owner = NULL");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release the demo database's token claims", e);
        }
        return TestDatabase.nameOf(database);
    }

    /**
     * Every projection segment's token at or past the last committed event (tokens are Jackson's JSON, ADR 0007):
     * the demo's views are projected asynchronously after it loads.
     */
    public static void awaitViews(Sql sql) {
        Eventually.until("the demo county's views caught up", Duration.ofSeconds(90), () -> {
            long last = sql.count("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
            long behind = sql.count("""
                    SELECT count(*) FROM token_entry WHERE processor_name <> 'rebuild-all'
                       AND processor_name NOT LIKE 'handed-over/%' AND (token IS NULL
                       OR (convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint < ?)""", last);
            return behind == 0;
        });
    }
}
