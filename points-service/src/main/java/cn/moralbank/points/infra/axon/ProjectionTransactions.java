package cn.moralbank.points.infra.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The transactions of the projections' streaming processors, live and rebuilding: Micronaut's, committed
 * synchronously like every other (ADR 0009: a batch committed without waiting for the disk was lost with its token in
 * a database crash while the processor, which saw no error, went on from the token it held in memory, and skipped
 * it for good). Tells whoever waits for the views ({@link ProjectionProgress}) when a batch has committed.
 */
final class ProjectionTransactions implements TransactionManager {
    private final TransactionManager transactions;
    private final ProjectionCommits commits;

    ProjectionTransactions(TransactionManager transactions, ProjectionCommits commits) {
        this.transactions = transactions;
        this.commits = commits;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = transactions.startTransaction();
        return new Transaction() {
            @Override
            public void commit() {
                transaction.commit();
                commits.committed();
            }

            @Override
            public void rollback() {
                transaction.rollback();
            }
        };
    }
}
