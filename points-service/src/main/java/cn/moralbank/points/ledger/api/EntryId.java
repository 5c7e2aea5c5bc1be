package cn.moralbank.points.ledger.api;

import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The caller's id of a ledger entry (a credit, penalty, debit or reversal). The caller chooses it, so a retry with
 * the same id is recognised and answered as the first attempt was.
 */
public record EntryId(String value) implements Identifier {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9:._-]{1,100}");

    public EntryId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new MalformedId("entry", value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
