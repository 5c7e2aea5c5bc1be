package cn.moralbank.kiosk.stock;

import cn.moralbank.kiosk.api.DonorKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/**
 * A donation as the operator enters it: who gave it, when, and for each product how many and their declared value
 * in yuan as written on the delivery note (e.g. "120.50").
 */
@Serdeable
public record DonationForm(String donationId, String donor, DonorKind donorKind, @Nullable LocalDate receivedOn,
                           List<Line> lines, @Nullable String note) {

    @Serdeable
    public record Line(long productId, long quantity, @Nullable String declaredValueYuan) {
    }
}
