package cn.moralbank.points.infra.axon;

import cn.moralbank.points.testing.DatabaseTest;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Inject;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.*;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The command-retry thread is a single long-lived thread: a transaction whose connection dies under it (the backend
 * killed mid-transaction, as a cut network does) must leave nothing bound to that thread, so the next unit of work on
 * it gets a fresh connection and succeeds.
 */
@MicronautTest(transactional = false)
class DeadConnectionTransactionTest extends DatabaseTest {
    private final ExecutorService retryThread = Executors.newSingleThreadExecutor();
    private Map<String, String> properties;

    @Inject SynchronousTransactionManager<Connection> transactions;
    @Inject ConnectionOperations<Connection> connections;
    @Inject DataSource dataSource;

    @Override
    public synchronized Map<String, String> getProperties() {
        if (properties == null) {
            properties = super.getProperties();
        }
        return properties;
    }

    @AfterAll
    void stopThread() {
        retryThread.shutdownNow();
    }

    @Test
    void killedMidTransactionThenRolledBack() throws Exception {
        TransactionManager manager = new MicronautTransactionManager(transactions, connections);
        Transaction tx = on(manager::startTransaction);
        int pid = on(this::backendPid);
        terminate(pid);
        assertThrows(ExecutionException.class, () -> on(this::backendPid), "the killed backend answers nothing");
        run(() -> { try { tx.rollback(); } catch (RuntimeException expected) { } });
        assertFalse(on(() -> transactions.findTransactionStatus().isPresent()), "nothing left bound to the thread");
        assertNextUnitOfWorkSucceeds(manager, pid);
    }

    @Test
    void killedMidTransactionThenCommitFailsAndRollsBack() throws Exception {
        TransactionManager manager = new MicronautTransactionManager(transactions, connections);
        Transaction tx = on(manager::startTransaction);
        int pid = on(this::backendPid);
        terminate(pid);
        run(() -> { try { tx.commit(); } catch (RuntimeException expected) { } });
        run(() -> { try { tx.rollback(); } catch (RuntimeException expected) { } });
        assertFalse(on(() -> transactions.findTransactionStatus().isPresent()), "nothing left bound to the thread");
        assertNextUnitOfWorkSucceeds(manager, pid);
    }

    @Test
    void transactionsCompletedOutOfOrderLeaveNothingBound() throws Exception {
        // Micronaut unbinds a transaction by restoring what was bound when it began: a joined transaction completed
        // after the one it joined re-binds the completed one to the thread (as a nested unit of work whose commit
        // is deferred past its root's can do). Every later unit of work on the thread would join that dead one.
        TransactionManager manager = new MicronautTransactionManager(transactions, connections);
        Transaction root = on(manager::startTransaction);
        on(this::backendPid);
        Transaction joined = on(manager::startTransaction);
        run(root::commit);
        run(joined::commit);
        assertFalse(on(() -> transactions.findTransactionStatus().isPresent()), "nothing left bound to the thread");
        assertNextUnitOfWorkSucceeds(manager, -1);
    }

    private void assertNextUnitOfWorkSucceeds(TransactionManager manager, int deadPid) throws Exception {
        Transaction next = on(manager::startTransaction);
        int pid = on(this::backendPid);
        run(next::commit);
        assertNotEquals(deadPid, pid, "a fresh connection");
        assertFalse(on(() -> transactions.findTransactionStatus().isPresent()));
    }

    private int backendPid() throws SQLException {
        var connection = new MicronautConnectionProvider(connections, dataSource).getConnection();
        try (var s = connection.createStatement(); var r = s.executeQuery("select pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }

    private void terminate(int pid) throws SQLException {
        try (var c = DriverManager.getConnection(properties.get("datasources.default.url"),
                properties.get("datasources.default.username"), properties.get("datasources.default.password"));
             var s = c.prepareStatement("select pg_terminate_backend(?)")) {
            s.setInt(1, pid);
            s.execute();
        }
    }

    private <T> T on(Callable<T> work) throws Exception {
        return retryThread.submit(work).get(30, TimeUnit.SECONDS);
    }

    private void run(Runnable work) throws Exception {
        retryThread.submit(work).get(30, TimeUnit.SECONDS);
    }
}
