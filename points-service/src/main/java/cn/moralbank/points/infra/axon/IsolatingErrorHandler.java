package cn.moralbank.points.infra.axon;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;

/**
 * A projection's batch that failed is rolled back and handled again (the token does not move), as Axon's
 * PropagatingErrorHandler does; unless the failure was transient, the processor's next batches are isolated
 * ({@link PoisonIsolation}), so the event that failed it is found and parked and the others commit.
 */
final class IsolatingErrorHandler implements ErrorHandler {
    private final PoisonIsolation isolation;
    /** The processor whose batches are isolated; null for the processor that failed. */
    private final String isolates;

    IsolatingErrorHandler(PoisonIsolation isolation) {
        this(isolation, null);
    }

    /** For a processor that runs handlers registered under another processor's name (a rebuild of one projection). */
    IsolatingErrorHandler(PoisonIsolation isolation, String isolates) {
        this.isolation = isolation;
        this.isolates = isolates;
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        Throwable error = context.error();
        if (!Failures.isTransient(error)) {
            isolation.begin(isolates != null ? isolates : context.eventProcessor());
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        throw (Exception) error;
    }
}
