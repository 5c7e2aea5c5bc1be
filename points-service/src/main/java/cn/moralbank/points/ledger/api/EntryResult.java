package cn.moralbank.points.ledger.api;

import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What the ledger answered to a credit, penalty, debit or reversal. A retry with the same entry id gets the same
 * answer, marked as a repeat.
 */
@ValueObject
public record EntryResult(EntryId entryId, Outcome outcome, long points, long balanceAfter, boolean repeated) {

    public enum Outcome { APPLIED, REFUSED }

    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }

    public EntryResult asRepeat() {
        return new EntryResult(entryId, outcome, points, balanceAfter, true);
    }
}
