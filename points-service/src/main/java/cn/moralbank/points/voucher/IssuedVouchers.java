package cn.moralbank.points.voucher;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What an issue made: the vouchers paid for and issued, in order. When the account ran short part-way (another
 * debit came first), {@code shortOf} says which face value could not be paid and the rest were not issued.
 * {@code batchClaimedNow}: this call claimed the form's batch; of the same form sent several times at once, one call.
 */
@Serdeable
public record IssuedVouchers(String batchId, String householdId, List<Issued> vouchers, long pointsDebited,
                             long balanceAfter, @Nullable Long shortOf, @JsonIgnore boolean batchClaimedNow) {

    public boolean complete() {
        return shortOf == null;
    }

    @Serdeable
    public record Issued(String serial, long points) {
    }
}
