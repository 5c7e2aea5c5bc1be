package cn.moralbank.points.deed.api;

import cn.moralbank.points.ledger.api.IdForm;
import cn.moralbank.points.ledger.api.MalformedId;
import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;
import java.util.UUID;

/** Identity of a stored photo of a deed. */
public record PhotoId(String value) implements Identifier {
    private static final IdForm FORM = new IdForm(1, 40, "-");

    public PhotoId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matches(value)) {
            throw new MalformedId("photo", value);
        }
    }

    public static PhotoId newId() {
        return new PhotoId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
