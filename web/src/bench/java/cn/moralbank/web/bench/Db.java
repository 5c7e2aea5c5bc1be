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

    private URI uri() {
        return URI.create(url.substring("jdbc:".length()));
    }
}
