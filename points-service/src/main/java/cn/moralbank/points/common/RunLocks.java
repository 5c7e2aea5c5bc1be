package cn.moralbank.points.common;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;

import java.util.Optional;

/**
 * Locks a long job holds for as long as it runs, across transactions of its own, shared by every node on the one
 * database: one node at a time runs it (verify's nightly run). A node that dies mid-run frees its lock. The job owns
 * this port; infra.db implements it with PostgreSQL's session-level advisory locks.
 */
@ApplicationRing
public interface RunLocks {
    /** The lock {@code key}, held until closed; empty at once when another run holds it, on this node or another. */
    Optional<Held> tryHold(long key);

    /** Whether a run holds the lock {@code key} now, on any node. */
    boolean held(long key);

    /** A lock held; closing it lets the next run take it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
