package cn.moralbank.points.ledger.api;

import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;
import java.util.UUID;

/** Identity of a household (户) and of its account in the moral bank. */
public record HouseholdId(String value) implements Identifier {
    private static final IdForm FORM = new IdForm(1, 40, "-");

    public HouseholdId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matches(value)) {
            throw new MalformedId("household", value);
        }
    }

    public static HouseholdId newId() {
        return new HouseholdId(UUID.randomUUID().toString());
    }

    /** Axon routes commands by the identifier's string form. */
    @Override
    public String toString() {
        return value;
    }
}
