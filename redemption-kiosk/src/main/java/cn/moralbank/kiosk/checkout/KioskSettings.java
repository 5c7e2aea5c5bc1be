package cn.moralbank.kiosk.checkout;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings of the love supermarkets ({@code moralbank.kiosk.*}, or MORALBANK_KIOSK_* environment variables).
 *
 * @param refundDays       how many days after a checkout the operator may still refund it (at most 30: the stock
 *                         book remembers sold baskets for this month and last)
 * @param pinFailures      wrong PINs in a row after which a household card must wait before its next try
 * @param pinDelay         the first wait; it doubles with every further wrong PIN
 * @param pinMaxDelay      the longest wait: what a stranger typing wrong PINs can cost the card's owner
 * @param pinForget        a card's count of wrong PINs is forgotten this long after its last wrong PIN
 * @param unfinishedAfter  a checkout still unfinished this long after it began (its node died half-way) is finished
 *                         by the recovery job
 * @param parallel         checkouts one node runs at once: each holds one database connection (its transaction)
 *                         while it runs
 * @param parallelWait     how long a checkout waits for one of those places before it is answered "busy, try again"
 *                         (503), never longer: every wait of a request is bounded
 */
@ConfigurationProperties("moralbank.kiosk")
public record KioskSettings(
        @Bindable(defaultValue = "7") int refundDays,
        @Bindable(defaultValue = "5") int pinFailures,
        @Bindable(defaultValue = "15s") Duration pinDelay,
        @Bindable(defaultValue = "5m") Duration pinMaxDelay,
        @Bindable(defaultValue = "24h") Duration pinForget,
        @Bindable(defaultValue = "2m") Duration unfinishedAfter,
        @Bindable(defaultValue = "6") int parallel,
        @Bindable(defaultValue = "30s") Duration parallelWait) {

    public KioskSettings {
        if (refundDays < 0 || refundDays > 30) {
            throw new IllegalArgumentException("moralbank.kiosk.refund-days must be between 0 and 30");
        }
        if (pinFailures < 1 || pinDelay.isNegative() || pinMaxDelay.compareTo(pinDelay) < 0) {
            throw new IllegalArgumentException("moralbank.kiosk: pin-failures at least 1, pin-max-delay at least "
                    + "pin-delay");
        }
    }
}
