package cn.moralbank.points.infra.axon;

import io.micronaut.data.connection.ConnectionOperations;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The projections' two ways of handling a batch (docs/adr/0006-poison-events.md). Normally a batch gathers its
 * writes and sends them when it commits ({@link UnitOfWorkBatch}), fast, but a statement that fails there fails the
 * batch, not an event. After a batch of a processor failed for a reason that is not transient, that processor's batches are
 * <em>isolated</em> for a while: each event's handler runs inside a savepoint of its own with its writes sent at once,
 * so the statement that fails rolls back that event only and its exception reaches Axon's dead-letter invoker, which
 * parks the event while the rest of the batch commits. Then batches are gathered again.
 *
 * <p>The mode is chosen once per batch (kept on the batch's unit of work), so a batch never mixes the two.
 */
final class PoisonIsolation {
    private static final Logger LOG = LoggerFactory.getLogger(PoisonIsolation.class);
    private static final String BATCH_MODE = PoisonIsolation.class.getName() + ".isolated";
    /** The unit-of-work resource Axon's dead-letter retry puts on the unit of work of each letter it processes. */
    static final String RETRYING_LETTER = DeadLetter.class.getName();

    private final ConnectionOperations<Connection> connections;
    private final long windowNanos;
    private final Map<String, Long> isolatedUntil = new ConcurrentHashMap<>();

    PoisonIsolation(ConnectionOperations<Connection> connections, Duration window) {
        this.connections = connections;
        this.windowNanos = window.toNanos();
    }

    /** The processor's next batches are isolated, for the window from now. */
    void begin(String processor) {
        Long before = isolatedUntil.put(processor, System.nanoTime() + windowNanos);
        if (before == null || before - System.nanoTime() < 0) {
            LOG.warn("Projection {}: a batch failed; its next batches handle each event in a savepoint of its own "
                    + "for {} s, so that an event that cannot be handled is parked as a dead letter", processor,
                    windowNanos / 1_000_000_000L);
        }
    }

    /** Whether the processor is isolating now (for batches about to start). */
    boolean active(String processor) {
        Long until = isolatedUntil.get(processor);
        if (until == null) {
            return false;
        }
        if (until - System.nanoTime() > 0) {
            return true;
        }
        isolatedUntil.remove(processor, until);
        LOG.info("Projection {}: batches gather their writes again", processor);
        return false;
    }

    /** Whether the batch being handled on this thread is isolated; decided on its first event. */
    boolean batchIsolated(String processor) {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(BATCH_MODE + "/" + processor, key -> active(processor));
    }

    /** Whether this thread is retrying a dead letter (Axon's DeadLetteredEventProcessingTask). */
    static boolean retryingLetter() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().resources().containsKey(RETRYING_LETTER);
    }

    /**
     * Runs one event's handler with its writes sent at once, inside a savepoint when {@code savepoint}: a failure
     * rolls back to the savepoint, so the batch's transaction stays usable for the other events and the dead letter.
     */
    <R> R alone(boolean savepoint, Callable<R> handler) throws Exception {
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        current.resources().put(UnitOfWorkBatch.AT_ONCE, Boolean.TRUE);
        try {
            if (!savepoint) {
                return handler.call();
            }
            Connection connection = connections.getConnectionStatus().getConnection();
            Savepoint before = connection.setSavepoint();
            R result;
            try {
                result = handler.call();
            } catch (Exception | Error failure) {
                try {
                    connection.rollback(before);
                } catch (SQLException rollback) {
                    failure.addSuppressed(rollback);
                }
                throw failure;
            }
            connection.releaseSavepoint(before);
            return result;
        } finally {
            current.resources().remove(UnitOfWorkBatch.AT_ONCE);
        }
    }
}
