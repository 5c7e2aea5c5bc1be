package cn.moralbank.points.deed.api;

import cn.moralbank.points.ledger.api.MalformedId;
import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identity of a review session (评议会) of a village's committee. */
public record ReviewSessionId(String value) implements Identifier {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9-]{1,40}");

    public ReviewSessionId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
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
