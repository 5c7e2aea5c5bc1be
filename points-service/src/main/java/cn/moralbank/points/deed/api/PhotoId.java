package cn.moralbank.points.deed.api;

import cn.moralbank.points.ledger.api.MalformedId;
import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identity of a stored photo of a deed. */
public record PhotoId(String value) implements Identifier {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9-]{1,40}");

    public PhotoId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
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
