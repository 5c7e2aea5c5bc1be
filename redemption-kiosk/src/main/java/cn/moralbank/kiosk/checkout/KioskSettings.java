package cn.moralbank.kiosk.checkout;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings of the love supermarkets ({@code moralbank.kiosk.*}, or MORALBANK_KIOSK_* environment variables).
 *
 * @param refundDays       how many days after a checkout the operator may still refund it (at most 30: the stock
 *                         book remembers sold baskets for this month and last)
 * @param pinFailures      wrong PINs in a row that lock a household card
 * @param pinLock          how long a card stays locked
 * @param unfinishedAfter  a checkout still unfinished this long after it began (its node died half-way) is finished
 *                         by the recovery job
 * @param parallel         checkouts one node drives at once: each holds two database connections while it runs
 */
@ConfigurationProperties("moralbank.kiosk")
public record KioskSettings(
        @Bindable(defaultValue = "7") int refundDays,
        @Bindable(defaultValue = "5") int pinFailures,
        @Bindable(defaultValue = "15m") Duration pinLock,
        @Bindable(defaultValue = "2m") Duration unfinishedAfter,
        @Bindable(defaultValue = "6") int parallel) {

    public KioskSettings {
        if (refundDays < 0 || refundDays > 30) {
            throw new IllegalArgumentException("moralbank.kiosk.refund-days must be between 0 and 30");
        }
    }
}
