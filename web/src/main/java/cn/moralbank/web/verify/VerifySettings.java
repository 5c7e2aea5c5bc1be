package cn.moralbank.web.verify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code moralbank.verify.*} (MORALBANK_VERIFY_*).
 *
 * @param chunk       events per query of the scan (one step of the progress bar)
 * @param settleSeconds how long rows whose events are still being projected are waited for before they are
 *                    reported as not compared
 * @param recheckLimit rows of each kind re-checked one by one at most; beyond it rows still being projected are
 *                    reported as not compared and differences as found in the snapshot
 * @param kept        differences kept with a run's result (the operations page lists them)
 */
@ConfigurationProperties("moralbank.verify")
public record VerifySettings(
        @Bindable(defaultValue = "200000") int chunk,
        @Bindable(defaultValue = "30") int settleSeconds,
        @Bindable(defaultValue = "5000") int recheckLimit,
        @Bindable(defaultValue = "200") int kept) {
}
