package cn.moralbank.web.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.web.error.DatabaseAnswer;
import org.slf4j.Marker;

import java.text.ParseException;

/**
 * A refusal (bad input, not found, outside the caller's scope) is an answer, not a fault: wherever it is logged with
 * its stack trace (Axon logs an aggregate constructor's exception at WARN with ~80 lines), it is written instead as
 * one INFO line on the logger {@code cn.moralbank.refusals}, so no reporter can flood the log with refusals. Real
 * errors keep their stack traces. So does a token whose claims cannot be read (micronaut-security logs it at ERROR
 * with its stack, and anyone can send one), and a request that lost a race at the database or waited out a lock
 * ({@link DatabaseAnswer}: answered 409 or 503 "try again", nothing written), which Micronaut's router logs at ERROR
 * as an unexpected error: one INFO line with the answer's code. An outage keeps its ERROR and stack. Installed in
 * logback.xml.
 */
public class RefusalLogFilter extends TurboFilter {
    static final String REFUSALS = "cn.moralbank.refusals";
    /** The logger Micronaut's router writes a request's unexpected failure to. */
    static final String ROUTER = "io.micronaut.http.server.RouteExecutor";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || REFUSALS.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = t != null ? t
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last
                : null;
        if (unreadableToken(logger, thrown)) {
            // a signed token whose claims are not what a claim must be (an nbf given as text): the sender is
            // refused 401 like any bad token; that is not an error of ours
            logger.getLoggerContext().getLogger(REFUSALS).info("refused token.unreadable ({}, logged by {})",
                    String.valueOf(thrown.getMessage()).lines().findFirst().orElse(""), logger.getName());
            return FilterReply.DENY;
        }
        String lost = lostRace(logger, thrown);
        if (lost != null) {
            logger.getLoggerContext().getLogger(REFUSALS).info("answered {} ({}, logged by {})", lost,
                    String.valueOf(thrown.getMessage()).lines().findFirst().orElse(""), logger.getName());
            return FilterReply.DENY;
        }
        Throwable refusal = refusal(thrown);
        if (refusal == null) {
            return FilterReply.NEUTRAL;
        }
        String code = refusal instanceof BadInput b ? b.code() : refusal instanceof NotFound n ? n.code()
                : "access.denied";
        logger.getLoggerContext().getLogger(REFUSALS).info("refused {} ({}, logged by {})", code,
                refusal.getClass().getSimpleName(), logger.getName());
        return FilterReply.DENY;
    }

    /** A token's claims that could not be read, logged by micronaut-security's token validation. */
    static boolean unreadableToken(Logger logger, Throwable thrown) {
        if (thrown == null || !logger.getName().startsWith("io.micronaut.security.token")) {
            return false;
        }
        for (Throwable e = thrown; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ParseException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The code a request was answered with when the router logs its failure as unexpected but the failure was a race
     * lost at the database or a lock waited out ({@link DatabaseAnswer}); null for anything else, an outage included.
     */
    static String lostRace(Logger logger, Throwable thrown) {
        if (thrown == null || !ROUTER.equals(logger.getName())) {
            return null;
        }
        return DatabaseAnswer.of(thrown).filter(answer -> !answer.outage()).map(DatabaseAnswer::code).orElse(null);
    }

    private static Throwable refusal(Throwable thrown) {
        for (Throwable e = thrown; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof BadInput || e instanceof NotFound || e instanceof AccessDenied) {
                return e;
            }
        }
        return null;
    }
}
