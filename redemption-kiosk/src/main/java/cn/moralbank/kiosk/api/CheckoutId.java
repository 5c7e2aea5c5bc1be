package cn.moralbank.kiosk.api;

import cn.moralbank.points.ledger.api.IdForm;
import cn.moralbank.points.ledger.api.MalformedId;
import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;

/**
 * The request id of one checkout, made by the kiosk page before it sends the basket: a retry after a network
 * hiccup carries the same id, and the checkout answers it with the first result.
 */
public record CheckoutId(String value) implements Identifier {
    private static final IdForm FORM = new IdForm(8, 64, "-");

    public CheckoutId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matches(value)) {
            throw new MalformedId("checkout", value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
