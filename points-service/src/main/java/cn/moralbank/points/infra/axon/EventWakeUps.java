package cn.moralbank.points.infra.axon;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the event store's reader when events are committed, here or on another node, instead of waiting for its
 * next poll.
 * <ul>
 *   <li>A commit on this node wakes the reader at once and a few times more over the next quarter second: events
 *   become readable only when every earlier transaction has finished (ADR 0007), and the one that held them back
 *   (any short write, a projection's batch included) commits no event of its own to wake anyone.</li>
 *   <li>Other nodes hear of it by PostgreSQL's NOTIFY on channel {@value #CHANNEL}, sent after the commit by one
 *   thread on its own connection: never inside an appending transaction, where NOTIFY would queue every commit of
 *   the database behind one lock.</li>
 * </ul>
 * The reader still polls (every {@code fetchDelay}), so a notification lost while a connection was down delays
 * nothing for long.
 */
final class EventWakeUps implements AutoCloseable {
    static final String CHANNEL = "moralbank_events";
    private static final Logger LOG = LoggerFactory.getLogger(EventWakeUps.class);
    private static final long[] FOLLOW_UP_MILLIS = {2, 5, 10, 20, 40, 80, 150};

    private final WakeableEventStore store;
    private final DataSource dataSource;
    private final String node = UUID.randomUUID().toString();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private long commits;
    private boolean notifyPending;
    private volatile boolean closed;
    private final Thread waker;
    private final Thread notifier;
    private final Thread listener;

    EventWakeUps(WakeableEventStore store, DataSource dataSource) {
        this.store = store;
        this.dataSource = dataSource;
        store.onLocalCommit(this::committedHere);
        this.waker = daemon("event-wake-ups", this::wakeLoop);
        this.notifier = daemon("event-notify", this::notifyLoop);
        this.listener = daemon("event-listen", this::listenLoop);
    }

    void start() {
        waker.start();
        notifier.start();
        listener.start();
    }

    private void committedHere() {
        lock.lock();
        try {
            commits++;
            notifyPending = true;
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void committedElsewhere() {
        lock.lock();
        try {
            commits++;
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** After each commit: wake now, then again a few times while earlier transactions may still be finishing. */
    private void wakeLoop() {
        long seen = 0;
        while (!closed) {
            lock.lock();
            try {
                while (commits == seen && !closed) {
                    committed.await();
                }
                seen = commits;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            store.wake();
            for (long pause : FOLLOW_UP_MILLIS) {
                if (!pauseUnlessCommitted(seen, pause)) {
                    break; // a newer commit starts the sequence again
                }
                store.wake();
            }
        }
    }

    /** Sleeps {@code millis}; false when a new commit came meanwhile. */
    private boolean pauseUnlessCommitted(long seen, long millis) {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (commits == seen && nanos > 0 && !closed) {
                nanos = committed.awaitNanos(nanos);
            }
            return commits == seen && !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void notifyLoop() {
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    while (!closed) {
                        lock.lock();
                        try {
                            while (!notifyPending && !closed) {
                                committed.await();
                            }
                            notifyPending = false;
                        } finally {
                            lock.unlock();
                        }
                        if (!closed) {
                            statement.execute("NOTIFY " + CHANNEL + ", '" + node + "'");
                        }
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                pauseAfterFailure("notify", e);
            }
        }
    }

    private void listenLoop() {
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = postgres.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        if (!node.equals(notification.getParameter())) {
                            committedElsewhere();
                            break;
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                pauseAfterFailure("listen", e);
            }
        }
    }

    private void pauseAfterFailure(String what, Exception e) {
        if (closed) {
            return;
        }
        LOG.info("Event wake-ups ({}) lost their connection ({}); the processors poll meanwhile", what,
                e.getMessage());
        try {
            Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            committed.signalAll();
        } finally {
            lock.unlock();
        }
        waker.interrupt();
        notifier.interrupt();
        listener.interrupt();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
