package cn.moralbank.points.common;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;

/**
 * Locks held until the caller's transaction ends, shared by every node on the one database: a job that one node
 * runs at a time (the objection period's settlements, the scheduled reports) and reports counted against a limit.
 * The domain owns this port; infra.db implements it with PostgreSQL's advisory locks.
 */
@ApplicationRing
public interface TransactionLocks {
    /** Takes the lock {@code key} if no other transaction holds it; false at once if one does. */
    boolean tryHold(long key);

    /** Waits for the lock named {@code name} (another transaction holding it makes this one wait). */
    void hold(String name);
}
