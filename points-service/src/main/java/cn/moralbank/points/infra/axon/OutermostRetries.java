package cn.moralbank.points.infra.axon;

import io.micronaut.http.context.ServerRequestContext;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Retries a command only when it was sent on its own. A command sent inside a larger unit of work
 * ({@link WholeUnitsOfWork}) or inside an open transaction (a {@code @Transactional} service method) is part of
 * something that commits whole: retried on the retry thread it would run outside that transaction and commit alone,
 * whatever became of the rest. Its failure goes to the caller, and whoever runs the whole retries the whole. A
 * retry of a command an HTTP request sent runs within that request, so the answer waits for the retry's events to be
 * in the views (it answered before them when they were committed on the retry thread).
 */
final class OutermostRetries implements RetryScheduler {
    private final RetryScheduler retries;
    private final BooleanSupplier insideTransaction;

    OutermostRetries(RetryScheduler retries, BooleanSupplier insideTransaction) {
        this.retries = retries;
        this.insideTransaction = insideTransaction;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        // asked on the sending thread, once the command's own unit of work has ended
        if (CurrentUnitOfWork.isStarted() || insideTransaction.getAsBoolean()) {
            return false;
        }
        // the retry runs on the retry thread as part of the request that sent it: the events it commits are then
        // collected for the answer's wait for its views (WrittenEvents), as the first attempt's would have been
        Runnable dispatch = ServerRequestContext.currentRequest()
                .<Runnable>map(request -> () -> ServerRequestContext.with(request, commandDispatch))
                .orElse(commandDispatch);
        return retries.scheduleRetry(commandMessage, lastFailure, failures, dispatch);
    }
}
