package cn.moralbank.kiosk.checkout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A basket sent by a kiosk page or a point-of-sale: the request id the page made for it, the household card and PIN
 * (optional when vouchers pay it all), the lines with the price each showed, and the scanned voucher codes.
 */
@Serdeable
public record CheckoutRequest(String requestId, @Nullable String cardNumber, @Nullable String pin,
                              List<Line> lines, @Nullable List<String> vouchers) {

    @Serdeable
    public record Line(long productId, long quantity, long unitPoints) {
    }

    public List<String> voucherCodes() {
        return vouchers == null ? List.of() : vouchers;
    }
}
