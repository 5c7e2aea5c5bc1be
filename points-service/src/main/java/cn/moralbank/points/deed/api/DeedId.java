package cn.moralbank.points.deed.api;

import cn.moralbank.points.ledger.api.IdForm;
import cn.moralbank.points.ledger.api.MalformedId;
import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;
import java.util.UUID;

/** Identity of a reported deed (or bad behaviour) and of its aggregate. */
public record DeedId(String value) implements Identifier {
    private static final IdForm FORM = new IdForm(1, 40, "-");

    public DeedId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matches(value)) {
            throw new MalformedId("deed", value);
        }
    }

    public static DeedId newId() {
        return new DeedId(UUID.randomUUID().toString());
    }

    /** Axon routes commands by the identifier's string form. */
    @Override
    public String toString() {
        return value;
    }
}
