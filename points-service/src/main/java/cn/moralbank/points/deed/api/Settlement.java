package cn.moralbank.points.deed.api;

import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A deed's answer to {@link ConfirmDeedCommand} or {@link RevokeDeedCommand}: whether a ledger entry is due, and
 * what it is. The entry id is derived from the deed ({@code deed:<id>}), so booking it twice books it once.
 */
@ValueObject
public record Settlement(Outcome outcome, DeedId deedId, HouseholdId householdId, EntryId entryId, long points,
                         RuleTerms rule, ReviewSessionId sessionId, String sessionTitle) {

    public enum Outcome {
        /** confirmed (now or before): the ledger entry is due, perhaps again after a crash. */
        DUE,
        /** revoked now: the ledger entry is to be reversed. */
        REVERSE,
        /** the period has not ended yet. */
        NOT_DUE,
        /** credited before, or revoked: nothing more to do. */
        SETTLED,
        /** not on the notice board (objected to, or never posted): nothing to do. */
        NOT_POSTED
    }

    /** The ledger entry's source: the review session that decided, {@code session:<id>}. */
    public static String sourceOf(ReviewSessionId session) {
        return "session:" + session.value();
    }

    /**
     * The passbook line's reason: the rule (code and version) and the session that decided, e.g.
     * 助人为乐 [SOC-01 v1] · 5月评议会, at most 500 characters.
     */
    public static String passbookReason(String ruleName, String ruleCode, int ruleVersion, String sessionTitle) {
        return PlainText.shortened(
                ruleName + " [" + ruleCode + " v" + ruleVersion + "] · " + sessionTitle, 500);
    }

    /** This settlement's entry's source ({@link #sourceOf}). */
    public String source() {
        return sourceOf(sessionId);
    }

    /** This settlement's passbook reason ({@link #passbookReason}). */
    public String reason() {
        return passbookReason(rule.name(), rule.code(), rule.version(), sessionTitle);
    }

    public static EntryId entryIdOf(DeedId deed) {
        return new EntryId(EntryId.DEED + deed.value());
    }

    public static EntryId reversalIdOf(DeedId deed) {
        return new EntryId(EntryId.DEED + deed.value() + ":revoked");
    }

    public boolean due() {
        return outcome == Outcome.DUE;
    }
}
