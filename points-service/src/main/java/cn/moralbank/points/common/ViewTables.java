package cn.moralbank.points.common;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;

/**
 * A projection's tables, emptied when the projection is rebuilt from the event store (its reset handler). Emptied
 * whole, not row by row: the rebuilt view is written into tables and indexes with no dead rows left behind by the
 * old one, as in a county loaded afresh (docs/performance.md, "Replay").
 */
@ApplicationRing
public interface ViewTables {
    /** Empties the tables together, in the caller's transaction (a rebuild that fails leaves the old rows). */
    void empty(String... tables);
}
