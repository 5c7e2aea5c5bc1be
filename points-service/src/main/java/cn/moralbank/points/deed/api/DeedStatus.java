package cn.moralbank.points.deed.api;

/** Where a deed stands on its way from report to points. */
public enum DeedStatus {
    /** reported, or sent back by an objection or an undecided session: waits for the next review session. */
    PENDING,
    /** on the agenda of a review session: the committee votes. */
    UNDER_REVIEW,
    /** approved and on the notice board (公示) until its objection period ends. */
    POSTED,
    /** the period ended without objection; the ledger entry follows. */
    CONFIRMED,
    /** the points are in the household's account (a penalty taken out). */
    CREDITED,
    /** the committee said no. End state. */
    REJECTED,
    /** the reporter or the administrator took the report back. End state. */
    WITHDRAWN,
    /** credited, then found wrong: its ledger entry was reversed. End state. */
    REVOKED
}
