package cn.moralbank.points.deed.api;

/** A committee member's vote on a deed. An abstention counts towards neither side of the majority. */
public enum VoteChoice {
    APPROVE, REJECT, ABSTAIN
}
