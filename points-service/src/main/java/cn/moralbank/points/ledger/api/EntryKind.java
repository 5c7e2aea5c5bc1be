package cn.moralbank.points.ledger.api;

/** The kinds of line on a household's passbook (存折). */
public enum EntryKind {
    /** 基础分: the base score a county gives every household on opening. */
    OPENING,
    /** points for a confirmed good deed or an adjustment. */
    CREDIT,
    /** 扣分: points taken for confirmed bad behaviour; may take the balance below zero. */
    PENALTY,
    /** points spent: a redemption at the love supermarket or a voucher issued. */
    DEBIT,
    /** a correction of an earlier entry, never an edit of it. */
    REVERSAL,
    /** 期初积分: the balance carried over from the paper passbook on go-live. */
    CARRIED_OVER,
    /** points moved to another household (a split, or the whole balance on a merge). */
    TRANSFER_OUT,
    /** points received from another household (a merge or a split). */
    TRANSFER_IN
}
