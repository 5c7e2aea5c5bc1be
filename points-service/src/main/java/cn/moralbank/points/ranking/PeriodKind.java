package cn.moralbank.points.ranking;

/** The lengths of period rankings and reports are kept for. Weeks serve the weekly report only. */
public enum PeriodKind {
    WEEK, MONTH, QUARTER, YEAR, ALL
}
