package cn.moralbank.points.common;

import cn.moralbank.points.access.Actor;

/**
 * The one way the domain sends a command: with who sent it (user, role, region, device) as metadata, which every
 * resulting event keeps, and a bounded wait. Past {@code moralbank.axon.command-timeout-millis} (retries included),
 * or when the aggregate stayed locked by another transaction longer than PostgreSQL's lock_timeout, the caller gets
 * {@link TryAgainLater}: the command may still take effect, once, and the same command sent again (same ids) is
 * answered as a duplicate. Refusals and other failures of the handler reach the caller as they were thrown.
 */
public interface Commands {
    <R> R send(Actor actor, Object command);
}
