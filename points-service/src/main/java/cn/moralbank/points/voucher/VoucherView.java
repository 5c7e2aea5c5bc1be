package cn.moralbank.points.voucher;

import cn.moralbank.points.voucher.api.VoucherStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import org.jmolecules.architecture.onion.simplified.DomainRing;

import java.time.Instant;

/** A voucher as the pages and the API show it: never its check code, which only the printed sheet carries. */
@Serdeable
@MappedEntity("voucher_view")
@DomainRing
public record VoucherView(@Id String serial, String householdId, long points, String countyPath, String villagePath,
                          String batchId, VoucherStatus status, Instant issuedAt, String issuedBy,
                          @Nullable String redemptionRef, @Nullable String supermarket, @Nullable Instant redeemedAt,
                          @Nullable String voidReason, @Nullable Instant voidedAt, long seq) {

    public boolean spendable() {
        return status == VoucherStatus.ISSUED;
    }
}
