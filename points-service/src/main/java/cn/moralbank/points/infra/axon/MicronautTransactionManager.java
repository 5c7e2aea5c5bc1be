package cn.moralbank.points.infra.axon;

import io.micronaut.transaction.SynchronousTransactionManager;
import io.micronaut.transaction.TransactionDefinition;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

import java.sql.Connection;

/**
 * Axon's transactions are Micronaut's: a unit of work joins (or starts) the Micronaut transaction, so the events a
 * command appends, or a projection's rows and its token, commit or roll back together.
 */
final class MicronautTransactionManager implements TransactionManager {
    private final SynchronousTransactionManager<Connection> transactions;

    MicronautTransactionManager(SynchronousTransactionManager<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public Transaction startTransaction() {
        var status = transactions.getTransaction(TransactionDefinition.DEFAULT);
        return new Transaction() {
            @Override
            public void commit() {
                transactions.commit(status);
            }

            @Override
            public void rollback() {
                transactions.rollback(status);
            }
        };
    }
}
