package cn.moralbank.kiosk.stock;

import cn.moralbank.kiosk.api.AdjustmentKind;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A stock adjustment with its reason and who made it. */
@Serdeable
@MappedEntity("stock_adjustment_view")
public record AdjustmentView(@Id String adjustmentId, long supermarketId, long productId, String productName,
                             AdjustmentKind kind, long change, long onHandAfter, String reason, String recordedBy,
                             Instant recordedAt) {
}
