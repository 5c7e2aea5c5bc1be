package cn.moralbank.points.common;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;

import java.util.function.Supplier;

/**
 * The database's transactions as a service asks for them in code (where {@code @Transactional} on a method does not
 * fit: a part of a method, a transaction of its own inside another). The application ring owns this port; infra.db
 * implements it on Micronaut's transaction operations, so no service holds a JDBC connection type.
 */
@ApplicationRing
public interface Transactions {
    /** The work in the caller's transaction, or in a new one when there is none. */
    <R> R write(Supplier<R> work);

    /** The work read-only, in the caller's transaction or a new read-only one. */
    <R> R read(Supplier<R> work);

    /**
     * The work in a transaction of its own, committed when the work ends whatever the caller's transaction does
     * later (the caller's is suspended meanwhile).
     */
    <R> R own(Supplier<R> work);

    /** Runs {@code action} once the caller's transaction has committed; at once when there is none. */
    void afterCommit(Runnable action);
}
