package cn.moralbank.kiosk.api;

import cn.moralbank.points.ledger.api.MalformedId;
import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;
import java.util.regex.Pattern;

/** The donation form's own id: the same form sent twice records the donation once. */
public record DonationId(String value) implements Identifier {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9-]{8,64}");

    public DonationId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new MalformedId("donation", value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
