package cn.moralbank.points.ledger.api;

import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;

/**
 * The caller's id of a ledger entry (a credit, penalty, debit or reversal). The caller chooses it, so a retry with
 * the same id is recognised and answered as the first attempt was.
 */
public record EntryId(String value) implements Identifier {
    private static final IdForm FORM = new IdForm(1, 100, ":._-");

    public EntryId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matches(value)) {
            throw new MalformedId("entry", value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
