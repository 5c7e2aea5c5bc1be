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

    IsolatingErrorHandler(PoisonIsolation isolation) {
        this.isolation = isolation;
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        Throwable error = context.error();
        if (!Failures.isTransient(error)) {
            isolation.begin(context.eventProcessor());
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        throw (Exception) error;
    }
}
