package cn.moralbank.points.infra.axon;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.axonframework.common.jdbc.ConnectionProvider;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Gives Axon the connection of the current Micronaut transaction, so the event store and token store write in the
 * same transaction as the read models. Axon closes what it is given; the transaction's connection is shielded from
 * that close. Outside a transaction it falls back to the pool.
 */
final class MicronautConnectionProvider implements ConnectionProvider {
    private final ConnectionOperations<Connection> connections;
    private final DataSource pool;

    MicronautConnectionProvider(ConnectionOperations<Connection> connections, DataSource pool) {
        this.connections = connections;
        this.pool = DelegatingDataSource.unwrapDataSource(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        var status = connections.findConnectionStatus();
        if (status.isPresent()) {
            return withoutClose(status.get().getConnection());
        }
        return pool.getConnection();
    }

    private static Connection withoutClose(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
