package cn.moralbank.points.voucher;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.Arrays;
import java.util.List;

/**
 * Settings of vouchers ({@code moralbank.vouchers.*}, or MORALBANK_VOUCHERS_* environment variables).
 *
 * @param denominations the fixed face values in points, comma-separated (the county prints these)
 * @param maxPerBatch   vouchers one issue may make, so a typo does not empty an account into paper
 */
@ConfigurationProperties("moralbank.vouchers")
record VoucherSettings(
        @Bindable(defaultValue = "5,10,20,50") String denominations,
        @Bindable(defaultValue = "20") int maxPerBatch) {

    List<Long> allowed() {
        return Arrays.stream(denominations.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Long::valueOf).sorted().toList();
    }
}
