package cn.moralbank.points.infra.axon;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.PropagatedContextElement;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.SynchronousTransactionManager;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Axon's transactions are Micronaut's: a unit of work joins (or starts) the Micronaut transaction, so the events a
 * command appends, or a projection's rows and its token, commit or roll back together.
 * <p>
 * Micronaut binds a transaction and its connection to the thread and unbinds them in an after-completion callback.
 * When the connection dies (a cut network, a killed backend), that clean-up can be skipped (a failing begin) or run
 * twice (a rollback after a failed commit), leaving a dead transaction bound to a long-lived thread such as the
 * command-retry thread: every later unit of work on it would join the dead transaction. So this manager: never
 * completes a transaction twice; after any begin, commit or rollback, releases what the transaction left bound; and
 * before starting an outermost unit of work, releases a completed or broken transaction still bound to the thread.
 */
final class MicronautTransactionManager implements TransactionManager {
    private static final Logger LOG = LoggerFactory.getLogger(MicronautTransactionManager.class);

    private final SynchronousTransactionManager<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    /** Units of work of this manager open on the thread: 0 means nothing bound to the thread is ours to join. */
    private final ThreadLocal<int[]> open = ThreadLocal.withInitial(() -> new int[1]);

    MicronautTransactionManager(SynchronousTransactionManager<Connection> transactions,
                                ConnectionOperations<Connection> connections) {
        this.transactions = transactions;
        this.connections = connections;
    }

    @Override
    public Transaction startTransaction() {
        int[] depth = open.get();
        if (depth[0] > 0 && deadBinding()) {
            // a unit of work on this thread was abandoned open on a connection that died (it was never committed nor
            // rolled back): joining it would fail this and every later unit of work on the thread. Release it, so the
            // next one starts afresh, and fail this one as transient, so its caller retries it whole
            LOG.warn("A transaction left open on a dead connection was still bound to thread {}; released",
                    Thread.currentThread().getName());
            depth[0] = 0;
            releaseLeftover();
            throw new CannotCreateTransactionException(
                    "the transaction bound to this thread had lost its connection",
                    new SQLTransientConnectionException("connection lost", "08003"));
        }
        if (depth[0] == 0) {
            releaseLeftover();
        }
        PropagatedContext before = PropagatedContext.getOrEmpty();
        TransactionStatus<Connection> outer = bound();
        boolean ownsConnection = connections.findConnectionStatus().isEmpty();
        TransactionStatus<Connection> status;
        try {
            status = transactions.getTransaction(TransactionDefinition.DEFAULT);
        } catch (RuntimeException | Error failure) {
            TransactionStatus<Connection> left = bound();
            if (left != null && left != outer) {
                LOG.warn("Beginning a transaction failed; releasing what it left bound to the thread", failure);
                if (ownsConnection) {
                    close(left);
                }
                before.propagate(); // (its scope stays open on purpose: closing it would restore the dead one)
            }
            throw failure;
        }
        depth[0]++;
        return new Bound(status, before, ownsConnection, depth);
    }

    private final class Bound implements Transaction {
        private final TransactionStatus<Connection> status;
        private final PropagatedContext before;
        private final boolean ownsConnection;
        private final int[] depth;
        private boolean finished;

        Bound(TransactionStatus<Connection> status, PropagatedContext before, boolean ownsConnection, int[] depth) {
            this.status = status;
            this.before = before;
            this.ownsConnection = ownsConnection;
            this.depth = depth;
        }

        @Override
        public void commit() {
            try {
                transactions.commit(status);
            } finally {
                finish();
            }
        }

        @Override
        public void rollback() {
            try {
                // a commit that failed has already rolled back and completed: completing again would run Micronaut's
                // after-completion clean-up twice and re-bind whatever was bound when this transaction began
                if (!status.isCompleted()) {
                    transactions.rollback(status);
                }
            } finally {
                finish();
            }
        }

        private void finish() {
            if (!finished) {
                finished = true;
                depth[0]--;
            }
            if (bound() == status) {
                LOG.warn("A finished transaction was still bound to the thread; released");
                before.propagate();
            }
            if (ownsConnection && status.isNewTransaction()) {
                close(status);
            }
            if (depth[0] == 0) {
                releaseLeftover();
            }
        }
    }

    /** Whether what is bound to the thread (a transaction, or a connection without one) is completed or closed. */
    private boolean deadBinding() {
        TransactionStatus<Connection> left = bound();
        if (left != null) {
            return left.isCompleted() || closed(left);
        }
        var status = connections.findConnectionStatus();
        return status.isPresent() && closed(status.get().getConnection());
    }

    /** A transaction bound to the thread outside any unit of work of ours that is completed or lost its connection. */
    private void releaseLeftover() {
        TransactionStatus<Connection> left = bound();
        if (left == null) {
            releaseDeadConnection();
            return;
        }
        if (!(left.isCompleted() || closed(left))) {
            return;
        }
        LOG.warn("Releasing a {} transaction left bound to thread {}", left.isCompleted() ? "completed" : "broken",
                Thread.currentThread().getName());
        close(left);
        forgetBindings();
    }

    /**
     * A closed connection bound to the thread without a transaction: the next transaction would join it, and every
     * unit of work on the thread (a projection's segment) would fail on it until the process restarts. A run of
     * ConnectionCutTest once showed a projection's segment failing that way every 10 s after a cut had failed its
     * batch while storing the token.
     */
    private void releaseDeadConnection() {
        var status = connections.findConnectionStatus();
        if (status.isEmpty() || !closed(status.get().getConnection())) {
            return;
        }
        LOG.warn("Releasing a closed connection left bound to thread {}", Thread.currentThread().getName());
        forgetBindings();
    }

    /** Drops Micronaut's transaction and connection bindings from the thread's context. */
    private static void forgetBindings() {
        PropagatedContext context = PropagatedContext.getOrEmpty();
        for (PropagatedContextElement element : context.getAllElements()) {
            String type = element.getClass().getName();
            if (type.startsWith("io.micronaut.transaction.") || type.startsWith("io.micronaut.data.connection.")) {
                context = context.minus(element);
            }
        }
        context.propagate(); // replaces the thread's context; the scopes that bound the dead transaction are gone
    }

    @SuppressWarnings("unchecked")
    private TransactionStatus<Connection> bound() {
        return (TransactionStatus<Connection>) transactions.findTransactionStatus().orElse(null);
    }

    private static boolean closed(TransactionStatus<Connection> status) {
        try {
            return closed(status.getConnection());
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static boolean closed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }

    /** Gives the connection back to the pool (the pool discards a broken one); nothing if it is already back. */
    private static void close(TransactionStatus<Connection> status) {
        try {
            Connection connection = status.getConnection();
            if (!connection.isClosed()) {
                connection.close();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Closing a transaction's connection failed", e);
        }
    }
}
