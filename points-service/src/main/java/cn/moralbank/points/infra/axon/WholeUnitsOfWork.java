package cn.moralbank.points.infra.axon;

import cn.moralbank.points.common.OneTransaction;
import cn.moralbank.points.common.TryAgainLater;
import cn.moralbank.points.infra.db.SqlStates;
import jakarta.inject.Singleton;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * {@link OneTransaction} as one Axon unit of work with the transaction attached: each command sent inside runs in a
 * unit of work nested in it, joins its transaction, and hands its events up; they are appended at the outer unit of
 * work's prepare-commit, right before the commit. So the transaction takes its id (and holds back the projections'
 * safe position, ADR 0007) only for its last writes, not while the work reads and decides.
 *
 * <p>A nested command that fails marks the transaction rollback-only; the failure reaches the work, which lets it
 * through, and everything is rolled back. A command sent inside is never retried on its own
 * ({@link OutermostRetries}); the whole work is, here, when its commit lost a race on an aggregate's next sequence
 * number, or PostgreSQL chose it as a deadlock's victim.
 */
@Singleton
final class WholeUnitsOfWork implements OneTransaction {
    private final TransactionManager transactions;
    private final int retries;
    private final int pauseMillis;

    WholeUnitsOfWork(Configuration axon, AxonSettings settings) {
        this.transactions = axon.getComponent(TransactionManager.class);
        this.retries = settings.commandRetries();
        this.pauseMillis = settings.commandRetryMillis();
    }

    @Override
    public <R> R run(Supplier<R> work) {
        if (CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("OneTransaction.run inside a unit of work: it is not nested");
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return once(work);
            } catch (TryAgainLater busy) {
                throw busy;
            } catch (RuntimeException failure) {
                if (SqlStates.lockTimedOut(failure)) {
                    throw new TryAgainLater("commands.busy", failure);
                }
                if (!lostRace(failure)) {
                    throw failure;
                }
                if (attempt >= retries) {
                    throw new TryAgainLater("commands.busy", failure);
                }
                pause(attempt);
            }
        }
    }

    private <R> R once(Supplier<R> work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("one transaction"));
        ResultMessage<R> result;
        try {
            unitOfWork.attachTransaction(transactions);
            result = unitOfWork.executeWithResult(work::get, RollbackConfigurationType.ANY_THROWABLE);
        } catch (RuntimeException | Error failure) {
            if (unitOfWork.isActive() && unitOfWork.phase().isBefore(
                    UnitOfWork.Phase.ROLLBACK)) {
                unitOfWork.rollback(failure);
            }
            throw failure;
        }
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    private static boolean lostRace(Throwable failure) {
        return ExceptionUtils.findException(failure, t -> t instanceof ConcurrencyException
                || t instanceof SQLException sql && SqlStates.lostRace(sql.getSQLState())).isPresent();
    }

    /** A random pause that grows with the attempts, so two racing checkouts do not meet again at once. */
    private void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, pauseMillis * (attempt + 1) + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TryAgainLater("commands.busy", e);
        }
    }
}
