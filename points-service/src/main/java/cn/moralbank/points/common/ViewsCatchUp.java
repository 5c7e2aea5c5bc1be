package cn.moralbank.points.common;

import java.time.Duration;

/**
 * Read your writes: lets the answer to a request that wrote events wait until every projection that reads those
 * events has committed them, so the page or API answer that follows shows what the person just saved.
 */
public interface ViewsCatchUp {
    /** The request attribute under which the events a request commits are collected. */
    String WRITTEN = "moralbank.written-events";

    /**
     * Waits at most {@code max} until every projection has handled the events in {@code written} (as collected under
     * {@link #WRITTEN}); true when they have, or when nothing was written.
     */
    boolean await(Object written, Duration max);

    /**
     * Waits, like {@link #await}, for the events the HTTP request being served has committed so far: for a service
     * that reads a view back in the same request right after its command.
     */
    boolean awaitThisRequest(Duration max);
}
