package cn.moralbank.points.infra.db;

import cn.moralbank.points.common.Transactions;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.function.Supplier;

/** {@link Transactions} on Micronaut's JDBC transaction operations. */
@Singleton
final class MicronautTransactions implements Transactions {
    private static final TransactionDefinition OWN =
            TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW);

    private final TransactionOperations<Connection> transactions;

    MicronautTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <R> R write(Supplier<R> work) {
        return transactions.executeWrite(status -> work.get());
    }

    @Override
    public <R> R read(Supplier<R> work) {
        return transactions.executeRead(status -> work.get());
    }

    @Override
    public <R> R own(Supplier<R> work) {
        return transactions.execute(OWN, status -> work.get());
    }

    @Override
    public void afterCommit(Runnable action) {
        var status = transactions.findTransactionStatus().filter(current -> !current.isCompleted());
        if (status.isEmpty()) {
            action.run();
            return;
        }
        status.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
