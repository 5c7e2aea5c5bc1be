package cn.moralbank.points.common;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;

import java.util.function.Supplier;

/**
 * Work that commits whole or not at all, the commands it sends included: one database transaction in which every
 * command joins (its events are appended together when the work ends, at the commit, with every row the work
 * wrote), and any failure, a refusal of one command included, undoes all of it. A commit that lost a race to
 * another transaction on the same aggregate runs the work again from its start, so the work must read what it needs
 * inside and may run more than once; past the retries, or when a lock stayed taken longer than the database's
 * lock_timeout, the caller gets {@link TryAgainLater}. Not nested: work in progress may not start another.
 *
 * <p>Used where a single request changes several aggregates that must agree (a checkout: stock, vouchers and the
 * household's account; docs/adr/0009-checkout-in-one-transaction.md).
 */
@ApplicationRing
public interface OneTransaction {
    <R> R run(Supplier<R> work);
}
