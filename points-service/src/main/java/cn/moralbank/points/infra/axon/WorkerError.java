package cn.moralbank.points.infra.axon;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * An {@link Error} (an AssertionError, StackOverflowError, NoClassDefFoundError, OutOfMemoryError...) raised by a
 * projection's own work inside one of Axon's work packages, carried as an exception. Axon's {@code WorkPackage}
 * catches {@code Exception} only: an Error escapes its worker task, the package is never scheduled again and its
 * segment stays claimed and still, so the views of every household of that segment freeze with no error logged.
 * Every place where projection code runs inside a work package passes through {@link #guard}: the handlers
 * ({@link IsolatingEventHandler}, so the event is parked as a dead letter like any other failure and the segment goes
 * on) and the batch's transaction ({@link ProjectionTransactions}, so the work package aborts and its segment is
 * claimed again from the stored token).
 */
final class WorkerError extends RuntimeException {
    private WorkerError(Error error) {
        super("A projection raised " + error, error);
    }

    static <T> T guardCall(Callable<T> work) throws Exception {
        try {
            return work.call();
        } catch (Error error) {
            throw new WorkerError(error);
        }
    }

    static <T> T guard(Supplier<T> work) {
        try {
            return work.get();
        } catch (Error error) {
            throw new WorkerError(error);
        }
    }

    static void guard(Runnable work) {
        try {
            work.run();
        } catch (Error error) {
            throw new WorkerError(error);
        }
    }
}
