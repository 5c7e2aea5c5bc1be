package cn.moralbank.kiosk.api;

import cn.moralbank.points.ledger.api.IdForm;
import cn.moralbank.points.ledger.api.MalformedId;
import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;

/** The donation form's own id: the same form sent twice records the donation once. */
public record DonationId(String value) implements Identifier {
    private static final IdForm FORM = new IdForm(8, 64, "-");

    public DonationId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matches(value)) {
            throw new MalformedId("donation", value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
