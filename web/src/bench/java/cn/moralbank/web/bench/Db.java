package cn.moralbank.web.bench;

import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A PostgreSQL database named by a JDBC URL, and the server it lives on. */
record Db(String url, String user, String password) {

    String host() {
        return uri().getHost();
    }

    int port() {
        int port = uri().getPort();
        return port < 0 ? 5432 : port;
    }

    String name() {
        String path = uri().getPath();
        return path.substring(1);
    }

    /** Another database on the same server. */
    Db sibling(String name) {
        return new Db(url.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"), user, password);
    }

    void create() throws SQLException {
        try (var c = DriverManager.getConnection(sibling("postgres").url(), user, password);
             var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name() + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name());
        }
    }

    boolean exists() {
        try (var c = DriverManager.getConnection(url, user, password)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Brings the database to the same state before each measured series: a checkpoint (so no series pays for the
     * previous one's dirty pages and the full-page images after a checkpoint) and no autovacuum worker on the server
     * (waited for up to two minutes; the other database measured beside this one counts too). Without it, the same
     * credits on the same ten-year county measured 90-134 per second at one client, depending on what ran before
     * (docs/performance.md, "Session 13").
     */
    void settle() throws SQLException, InterruptedException {
        try (var c = DriverManager.getConnection(url, user, password); var s = c.createStatement()) {
            try {
                s.execute("CHECKPOINT");
            } catch (SQLException notAllowed) {
                System.out.println("  (no CHECKPOINT: " + notAllowed.getMessage().strip() + ")");
            }
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline) {
                try (var rows = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = "
                        + "'autovacuum worker'")) {
                    if (rows.next() && rows.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(1000);
            }
            System.out.println("  (autovacuum still working after two minutes: measured anyway)");
        }
    }

    private URI uri() {
        return URI.create(url.substring("jdbc:".length()));
    }
}
