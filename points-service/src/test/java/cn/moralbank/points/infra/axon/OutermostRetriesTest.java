package cn.moralbank.points.infra.axon;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command is retried on its own only when it was sent on its own. */
class OutermostRetriesTest {
    private final AtomicInteger asked = new AtomicInteger();
    private final RetryScheduler always = (command, failure, failures, dispatch) -> {
        asked.incrementAndGet();
        return true;
    };
    private final CommandMessage<?> command = GenericCommandMessage.asCommandMessage("a command");
    private final RuntimeException lost = new RuntimeException("lost a race");

    @Test
    void aCommandSentOnItsOwnIsRetried() {
        assertTrue(new OutermostRetries(always, () -> false).scheduleRetry(command, lost, List.of(), () -> { }));
        assertEquals(1, asked.get());
    }

    @Test
    void aCommandSentInsideAUnitOfWorkIsLeftToWhoeverRunsTheWhole() {
        var outer = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("one transaction"));
        try {
            assertFalse(new OutermostRetries(always, () -> false).scheduleRetry(command, lost, List.of(), () -> { }));
        } finally {
            outer.rollback();
        }
        assertEquals(0, asked.get());
    }

    @Test
    void aCommandSentInsideAnOpenTransactionIsNotRetriedOutsideIt() {
        assertFalse(new OutermostRetries(always, () -> true).scheduleRetry(command, lost, List.of(), () -> { }));
        assertEquals(0, asked.get());
    }

    @Test
    void aRetryRunsWithinTheRequestThatSentTheCommand() throws Exception {
        var request = HttpRequest.POST("/api/households/h-1/merge", "");
        var seen = new CompletableFuture<Object>();
        RetryScheduler onAnotherThread = (c, failure, failures, dispatch) -> {
            new Thread(dispatch).start();
            return true;
        };
        Runnable sending = () -> new OutermostRetries(onAnotherThread, () -> false)
                .scheduleRetry(command, lost, List.of(), () -> seen.complete(
                        ServerRequestContext.currentRequest().orElse(null)));
        ServerRequestContext.with(request, sending);
        assertSame(request, seen.get(5, TimeUnit.SECONDS),
                "the retry's events are collected for the request's answer");
    }
}
