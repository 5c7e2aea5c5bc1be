package cn.moralbank.web.county;

import io.micronaut.transaction.TransactionOperations;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A writer thread: appends each batch through Axon's own storage engine (so the rows are exactly what Axon writes)
 * and the batch's command-side rows, in one transaction. A small queue lets the history of the next batch be made
 * while this one is written.
 */
final class EventWriter implements Runnable {
    private final BlockingQueue<EventSink.Batch> queue = new ArrayBlockingQueue<>(3);
    private final EventStorageEngine engine;
    private final TransactionOperations<Connection> transactions;
    private final AtomicLong written;
    private final AtomicReference<Throwable> failure;

    EventWriter(EventStorageEngine engine, TransactionOperations<Connection> transactions, AtomicLong written,
                AtomicReference<Throwable> failure) {
        this.engine = engine;
        this.transactions = transactions;
        this.written = written;
        this.failure = failure;
    }

    void put(EventSink.Batch batch) {
        try {
            while (!queue.offer(batch, 1, TimeUnit.SECONDS)) {
                if (failure.get() != null) {
                    throw new IllegalStateException("a writer failed", failure.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                EventSink.Batch batch = queue.take();
                if (batch == EventSink.Batch.END) {
                    return;
                }
                transactions.executeWrite(status -> {
                    engine.appendEvents(batch.events());
                    Connection connection = status.getConnection();
                    for (var statement : batch.rows().entrySet()) {
                        insert(connection, statement.getKey(), statement.getValue());
                    }
                    return null;
                });
                written.addAndGet(batch.events().size());
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            queue.clear();
        }
    }

    private static void insert(Connection connection, String sql, List<Object[]> rows) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    ps.setObject(i + 1, row[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e.getNextException() != null ? e.getNextException() : e);
        }
    }
}
