package cn.moralbank.kiosk.checkout;

import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

@MappedEntity("checkout_line")
public record CheckoutLineRecord(@EmbeddedId Key key, long productId, String productName, String unit,
                                 long quantity, long unitPoints, int monthlyLimit) {

    @Embeddable
    public record Key(@MappedProperty("checkout_id") String checkoutId, @MappedProperty("line_no") int lineNo) {
    }
}
