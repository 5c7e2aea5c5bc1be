package cn.moralbank.points.ranking;

import org.jmolecules.architecture.onion.simplified.DomainRing;

/** The lengths of period rankings and reports are kept for. Weeks serve the weekly report only. */
@DomainRing
public enum PeriodKind {
    WEEK, MONTH, QUARTER, YEAR, ALL
}
