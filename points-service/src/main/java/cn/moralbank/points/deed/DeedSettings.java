package cn.moralbank.points.deed;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Settings of deeds ({@code moralbank.deeds.*}, or MORALBANK_DEEDS_* environment variables).
 *
 * @param photoMaxBytes  largest photo accepted (a phone's photo is 2-4 MB)
 * @param photosPerDeed  photos one report may carry
 * @param noticeBatch    deeds the objection-period process settles per run (the rest wait a minute)
 */
@ConfigurationProperties("moralbank.deeds")
record DeedSettings(
        @Bindable(defaultValue = "5242880") int photoMaxBytes,
        @Bindable(defaultValue = "9") int photosPerDeed,
        @Bindable(defaultValue = "500") int noticeBatch) {
}
