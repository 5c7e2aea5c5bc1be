package cn.moralbank.kiosk.product;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A price a product had from {@code validFrom} on: its price history. */
@Serdeable
@MappedEntity("product_price")
public record ProductPrice(@Id @GeneratedValue Long id, Long productId, long pricePoints, Instant validFrom,
                           String changedBy, String reason) {
}
