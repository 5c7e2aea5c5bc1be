package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.KioskRefusal;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.jmolecules.architecture.onion.simplified.DomainRing;

import java.math.BigDecimal;
import java.util.List;

/**
 * A basket sent by a kiosk page or a point-of-sale: the request id the page made for it, the household card and PIN
 * (optional when vouchers pay it all), the lines with the price each showed, and the scanned voucher codes.
 */
@Serdeable
@DomainRing
public record CheckoutRequest(String requestId, @Nullable String cardNumber, @Nullable String pin,
                              List<Line> lines, @Nullable List<String> vouchers) {

    /**
     * A line of the basket. The quantity is read as a decimal, so that 1.5 or 1e30 is refused as it was sent
     * instead of being rounded to a whole number by the JSON reader.
     */
    @Serdeable
    public record Line(long productId, @JsonProperty("quantity") @Nullable BigDecimal requested, long unitPoints) {
        public Line(long productId, long quantity, long unitPoints) {
            this(productId, BigDecimal.valueOf(quantity), unitPoints);
        }

        /** The whole number of items asked for; a fraction, an exponent beyond a long or none is refused. */
        @JsonIgnore
        public long quantity() {
            try {
                if (requested != null) {
                    return requested.longValueExact();
                }
            } catch (ArithmeticException notWhole) {
                // refused below
            }
            throw new KioskRefusal("checkout.quantity.invalid", String.valueOf(requested), CheckoutPolicy.MAX_QUANTITY);
        }
    }

    public List<String> voucherCodes() {
        return vouchers == null ? List.of() : vouchers;
    }
}
