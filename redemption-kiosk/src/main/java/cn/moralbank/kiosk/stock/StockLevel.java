package cn.moralbank.kiosk.stock;

import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** Stock of one product of one supermarket, with where it came from and went (projection of the stock book). */
@Serdeable
@MappedEntity("stock_level")
public record StockLevel(@EmbeddedId Key key, long onHand, long reserved, long donated, long sold, long returned,
                         long writtenOff, long countedChange, Instant updatedAt) {

    public long productId() {
        return key.productId();
    }

    static StockLevel empty(long supermarketId, long productId) {
        return new StockLevel(new Key(supermarketId, productId), 0, 0, 0, 0, 0, 0, 0, Instant.EPOCH);
    }

    @Serdeable
    @Embeddable
    public record Key(@MappedProperty("supermarket_id") long supermarketId,
                      @MappedProperty("product_id") long productId) {
    }
}
