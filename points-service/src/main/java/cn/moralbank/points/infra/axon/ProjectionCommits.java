package cn.moralbank.points.infra.axon;

import jakarta.inject.Singleton;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Signals that a projection's batch has committed on this node, for those waiting on the views. */
@Singleton
final class ProjectionCommits {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();

    void committed() {
        lock.lock();
        try {
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the next commit, or at most {@code nanos}. */
    void awaitNext(long nanos) {
        lock.lock();
        try {
            committed.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }
}
