package cn.moralbank.kiosk.sales;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;

/** One product of a sale at a supermarket, on the local day it was sold; {@code returnedAt} once refunded. */
@Serdeable
@MappedEntity("sale_line_view")
public record SaleLineView(@EmbeddedId Key key, long supermarketId, String householdId, String productName,
                           long quantity, long unitPoints, long points, Instant soldAt, LocalDate soldOn,
                           String device, @Nullable Instant returnedAt) {

    public String checkoutId() {
        return key.checkoutId();
    }

    public long productId() {
        return key.productId();
    }

    @Serdeable
    @Embeddable
    public record Key(@MappedProperty("checkout_id") String checkoutId,
                      @MappedProperty("product_id") long productId) {
    }
}
