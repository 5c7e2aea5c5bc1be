package cn.moralbank.web.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import org.slf4j.Marker;

/**
 * A refusal (bad input, not found, outside the caller's scope) is an answer, not a fault: wherever it is logged with
 * its stack trace (Axon logs an aggregate constructor's exception at WARN with ~80 lines), it is written instead as
 * one INFO line on the logger {@code cn.moralbank.refusals}, so no reporter can flood the log with refusals. Real
 * errors keep their stack traces. So does a token whose claims cannot be read (micronaut-security logs it at ERROR
 * with its stack, and anyone can send one). Installed in logback.xml.
 */
public class RefusalLogFilter extends TurboFilter {
    static final String REFUSALS = "cn.moralbank.refusals";

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
            if (e instanceof java.text.ParseException) {
                return true;
            }
        }
        return false;
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
