package cn.moralbank.points.infra.axon;

import io.micronaut.data.connection.ConnectionOperations;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The transactions of the projections' streaming processors, live and rebuilding: Micronaut's, except that a commit
 * does not wait for its WAL to reach the disk ({@code synchronous_commit = off}, for that transaction only). A
 * database crash may then lose the last batches' commits, but each batch's token commits with its rows, so what is
 * lost is a suffix of events that the processor handles again from the durable event store; nothing else commits in
 * these transactions. Commands keep waiting for the disk: their events are the truth, the read models are not.
 * Under load the projections commit far more often than the commands (every processor, every small batch), and
 * those flushes no longer queue in front of the commands' (docs/performance.md).
 */
final class ProjectionTransactions implements TransactionManager {
    private final TransactionManager transactions;
    private final ConnectionOperations<Connection> connections;

    ProjectionTransactions(TransactionManager transactions, ConnectionOperations<Connection> connections) {
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
            throw new IllegalStateException("Could not begin a projection's transaction", e);
        }
        return transaction;
    }
}
