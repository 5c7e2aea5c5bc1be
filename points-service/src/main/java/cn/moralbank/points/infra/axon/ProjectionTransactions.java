package cn.moralbank.points.infra.axon;

import io.micronaut.data.connection.ConnectionOperations;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The transactions of the projections' streaming processors: Micronaut's, the live ones committed
 * synchronously like every other (ADR 0007: a batch committed without waiting for the disk was lost with its token in
 * a database crash while the processor, which saw no error, went on from the token it held in memory, and skipped
 * it for good). Tells whoever waits for the views ({@link ProjectionProgress}) when a batch has committed and its
 * segment's status says so.
 */
final class ProjectionTransactions implements TransactionManager {
    private final TransactionManager transactions;
    private final ProjectionCommits commits;
    private final ConnectionOperations<Connection> connections;
    private final boolean durable;

    /**
     * @param durable false only for the offline rebuild ({@code replay}): its batches then commit without waiting for
     *                the disk, and a database restart during it ends the rebuild, to be run again
     *                ({@link ProjectionReplay})
     */
    ProjectionTransactions(TransactionManager transactions, ProjectionCommits commits,
                           ConnectionOperations<Connection> connections,
                           boolean durable) {
        this.transactions = transactions;
        this.commits = commits;
        this.connections = connections;
        this.durable = durable;
    }

    /** An Error while a batch's transaction begins, commits or rolls back is an exception ({@link WorkerError}). */
    @Override
    public Transaction startTransaction() {
        Transaction transaction = WorkerError.guard(this::started);
        return new Transaction() {
            @Override
            public void commit() {
                WorkerError.guard(transaction::commit);
            }

            @Override
            public void rollback() {
                WorkerError.guard(transaction::rollback);
            }
        };
    }

    private Transaction started() {
        Transaction transaction = transactions.startTransaction();
        if (!durable) {
            try (Statement statement = connections.getConnectionStatus().getConnection().createStatement()) {
                statement.execute("SET LOCAL synchronous_commit = off");
            } catch (SQLException | RuntimeException e) {
                transaction.rollback();
                throw new IllegalStateException("Could not begin a rebuild's transaction", e);
            }
        }
        return new Transaction() {
            @Override
            public void commit() {
                transaction.commit();
                // a waiter reads this node's segments from their status, which Axon advances after the commit: it is
                // woken once the batch's unit of work is done with that (its clean-up comes after)
                if (CurrentUnitOfWork.isStarted()) {
                    CurrentUnitOfWork.get().root().onCleanup(done -> commits.committed());
                } else {
                    commits.committed();
                }
            }

            @Override
            public void rollback() {
                transaction.rollback();
            }
        };
    }
}
