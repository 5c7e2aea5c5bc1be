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
 * errors keep their stack traces. Installed in logback.xml.
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

    private static Throwable refusal(Throwable thrown) {
        for (Throwable e = thrown; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof BadInput || e instanceof NotFound || e instanceof AccessDenied) {
                return e;
            }
        }
        return null;
    }
}
