package cn.moralbank.kiosk.product;

import cn.moralbank.kiosk.api.ProductId;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import org.jmolecules.architecture.onion.simplified.DomainRing;

import java.time.Instant;

/**
 * A product of one supermarket, priced in points. {@code picture} names one of the drawn pictures under
 * /static/kiosk/goods/; {@code monthlyLimit} is how many one household may take per month (0: no limit).
 */
@Serdeable
@MappedEntity("product")
@DomainRing
public record Product(@Id @GeneratedValue Long id, Long supermarketId, String name, String unit, String picture,
                      long pricePoints, int monthlyLimit, boolean active, Instant createdAt) {

    public ProductId productId() {
        return new ProductId(id);
    }

    public String pictureUrl() {
        return Pictures.url(picture);
    }
}
