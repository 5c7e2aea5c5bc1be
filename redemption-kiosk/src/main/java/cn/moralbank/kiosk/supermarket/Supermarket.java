package cn.moralbank.kiosk.supermarket;

import cn.moralbank.kiosk.api.SupermarketId;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A love supermarket (爱心超市). {@code regionPath} is the region it serves (a village, or a township when villages
 * share one), so scope checks need no join.
 */
@Serdeable
@MappedEntity("supermarket")
public record Supermarket(@Id @GeneratedValue Long id, String name, Long regionId, String regionPath, String address,
                          boolean active, Instant createdAt) {

    public SupermarketId supermarketId() {
        return new SupermarketId(id);
    }
}
