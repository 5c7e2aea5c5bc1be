package cn.moralbank.web.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.moralbank.points.deed.api.DeedRefusal;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.text.ParseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A refusal logged with its stack trace (as Axon does for an aggregate's constructor) becomes one INFO line. */
class RefusalLogFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> written = new ListAppender<>();

    RefusalLogFilterTest() {
        context.addTurboFilter(new RefusalLogFilter());
        written.setContext(context);
        written.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(written);
    }

    @Test
    void aRefusalLoggedAtWarnWithItsStackIsOneInfoLineWithoutIt() {
        Logger axon = context.getLogger("org.axonframework.modelling.command.AbstractRepository");
        axon.warn("Exception occurred while trying to create an aggregate.",
                new IllegalStateException("wrapped", new DeedRefusal("deed.description.invalid", 1000)));
        axon.warn("Command '{}' failed", "ReportDeedCommand", new DeedRefusal("deed.text.unstorable"));
        assertEquals(2, written.list.size());
        for (ILoggingEvent event : written.list) {
            assertEquals(Level.INFO, event.getLevel());
            assertEquals(RefusalLogFilter.REFUSALS, event.getLoggerName());
            assertNull(event.getThrowableProxy(), "no stack trace");
        }
    }

    @Test
    void anUnreadableTokenLoggedByTheSecurityModuleIsOneInfoLine() {
        context.getLogger("io.micronaut.security.token.jwt.nimbus.AbstractJsonWebTokenValidator")
                .error("Failed to retrieve the claims set", new ParseException("Unexpected type of nbf", 0));
        assertEquals(1, written.list.size());
        assertEquals(Level.INFO, written.list.get(0).getLevel());
        assertNull(written.list.get(0).getThrowableProxy(), "no stack trace");
    }

    @Test
    void aRaceLostAtTheDatabaseLoggedByTheRouterIsOneInfoLine() {
        Logger router = context.getLogger(RefusalLogFilter.ROUTER);
        router.error("Unexpected error occurred: {}", "deadlock", new IllegalStateException("command failed",
                new SQLException("deadlock detected", "40P01")));
        router.error("Unexpected error occurred: {}", "taken", new SQLException("duplicate key", "23505"));
        router.error("Unexpected error occurred: {}", "busy", new SQLException("lock timeout", "55P03"));
        assertEquals(3, written.list.size());
        for (ILoggingEvent event : written.list) {
            assertEquals(Level.INFO, event.getLevel());
            assertEquals(RefusalLogFilter.REFUSALS, event.getLoggerName());
            assertNull(event.getThrowableProxy(), "no stack trace");
        }
        assertEquals("answered database.conflict (command failed, logged by " + RefusalLogFilter.ROUTER + ")",
                written.list.get(0).getFormattedMessage());
        assertEquals("answered commands.busy (lock timeout, logged by " + RefusalLogFilter.ROUTER + ")",
                written.list.get(2).getFormattedMessage());
    }

    @Test
    void anOutageOrARaceLoggedElsewhereKeepsItsErrorAndStack() {
        context.getLogger(RefusalLogFilter.ROUTER).error("Unexpected error occurred: {}", "down",
                new SQLException("connection refused", "08001"));
        context.getLogger("cn.moralbank.points.infra.axon").error("segment failed",
                new SQLException("deadlock detected", "40P01"));
        assertEquals(2, written.list.size());
        for (ILoggingEvent event : written.list) {
            assertEquals(Level.ERROR, event.getLevel());
            assertNotNull(event.getThrowableProxy());
        }
    }

    @Test
    void aRealErrorKeepsItsStackTrace() {
        context.getLogger("cn.moralbank.points").error("projection failed", new IllegalStateException("disk full"));
        assertEquals(1, written.list.size());
        assertEquals(Level.ERROR, written.list.get(0).getLevel());
        assertNotNull(written.list.get(0).getThrowableProxy());
    }
}
