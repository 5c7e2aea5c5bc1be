package cn.moralbank.points.infra.axon;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.SynchronousTransactionManager;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * The transactions of Axon's dead-letter invoker. Retrying a dead letter runs each letter in a unit of work nested in
 * the retry's own: joining the retry's transaction, a letter that fails again would mark the whole of it rollback-only
 * (and lose the letter's new cause with the claims and evictions). Here a unit of work started inside a transaction
 * gets a savepoint instead: a letter that fails rolls back to it, and the retry goes on to record the failure.
 * Outside a transaction (the retry itself, clearing the queue on a reset) it starts a transaction as usual.
 */
final class SavepointTransactions implements TransactionManager {
    private final TransactionManager transactions;
    private final SynchronousTransactionManager<Connection> micronaut;
    private final ConnectionOperations<Connection> connections;

    SavepointTransactions(TransactionManager transactions, SynchronousTransactionManager<Connection> micronaut,
                          ConnectionOperations<Connection> connections) {
        this.transactions = transactions;
        this.micronaut = micronaut;
        this.connections = connections;
    }

    @Override
    public Transaction startTransaction() {
        boolean inside = micronaut.findTransactionStatus().map(status -> !status.isCompleted()).orElse(false);
        if (!inside) {
            return transactions.startTransaction();
        }
        Connection connection = connections.getConnectionStatus().getConnection();
        try {
            return new Nested(connection, connection.setSavepoint());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set a savepoint for a dead letter", e);
        }
    }

    /** A savepoint as a transaction: commit releases it, rollback returns to it; each at most once. */
    private static final class Nested implements Transaction {
        private final Connection connection;
        private final Savepoint savepoint;
        private boolean finished;

        Nested(Connection connection, Savepoint savepoint) {
            this.connection = connection;
            this.savepoint = savepoint;
        }

        @Override
        public void commit() {
            if (finished) {
                return;
            }
            finished = true;
            try {
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not release a dead letter's savepoint", e);
            }
        }

        @Override
        public void rollback() {
            if (finished) {
                return;
            }
            finished = true;
            try {
                connection.rollback(savepoint);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not roll back to a dead letter's savepoint", e);
            }
        }
    }
}
