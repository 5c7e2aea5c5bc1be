package cn.moralbank.kiosk.checkout;

import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

@MappedEntity("checkout_voucher")
public record CheckoutVoucherRecord(@EmbeddedId Key key, String serial, long points, String householdId) {

    @Embeddable
    public record Key(@MappedProperty("checkout_id") String checkoutId, @MappedProperty("line_no") int lineNo) {
    }
}
