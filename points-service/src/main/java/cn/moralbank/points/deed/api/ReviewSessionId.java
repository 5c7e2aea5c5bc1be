package cn.moralbank.points.deed.api;

import cn.moralbank.points.ledger.api.IdForm;
import cn.moralbank.points.ledger.api.MalformedId;
import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;
import java.util.UUID;

/** Identity of a review session (评议会) of a village's committee. */
public record ReviewSessionId(String value) implements Identifier {
    private static final IdForm FORM = new IdForm(1, 40, "-");

    public ReviewSessionId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matches(value)) {
            throw new MalformedId("review session", value);
        }
    }

    public static ReviewSessionId newId() {
        return new ReviewSessionId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
