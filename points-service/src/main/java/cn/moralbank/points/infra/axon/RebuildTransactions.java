package cn.moralbank.points.infra.axon;

import io.micronaut.data.connection.ConnectionOperations;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The transactions of the processor that rebuilds every projection ({@value ProjectionReplay#REBUILD}): Micronaut's,
 * except that a commit does not wait for its WAL to reach the disk ({@code synchronous_commit = off}, for that
 * transaction only). A crash may then lose the last batches' commits, but each batch's token commits with its rows,
 * so what is lost is a suffix of the rebuild that the next run handles again; nothing else commits in these
 * transactions.
 */
final class RebuildTransactions implements TransactionManager {
    private final TransactionManager transactions;
    private final ConnectionOperations<Connection> connections;

    RebuildTransactions(TransactionManager transactions, ConnectionOperations<Connection> connections) {
        this.transactions = transactions;
        this.connections = connections;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = transactions.startTransaction();
        try (Statement statement = connections.getConnectionStatus().getConnection().createStatement()) {
            statement.execute("SET LOCAL synchronous_commit = off");
        } catch (SQLException | RuntimeException e) {
            transaction.rollback();
            throw new IllegalStateException("Could not begin a rebuild transaction", e);
        }
        return transaction;
    }
}
