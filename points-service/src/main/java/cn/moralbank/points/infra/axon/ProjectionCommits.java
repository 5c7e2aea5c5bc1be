package cn.moralbank.points.infra.axon;

import jakarta.inject.Singleton;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Signals that a projection's batch has committed on this node, for those waiting on the views. Each commit counts
 * one up, so that a waiter who looked at the views and then waits is not left waiting for a commit that came in
 * between.
 */
@Singleton
final class ProjectionCommits {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private long count;

    void committed() {
        lock.lock();
        try {
            count++;
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many batches have committed on this node so far: read before looking at the views. */
    long count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a commit after the {@code seen}-th, or at most {@code nanos}. */
    void awaitAfter(long seen, long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (count == seen && left > 0) {
                left = committed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }
}
