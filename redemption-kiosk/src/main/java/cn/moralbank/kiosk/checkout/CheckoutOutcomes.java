package cn.moralbank.kiosk.checkout;

import cn.moralbank.points.common.BadInput;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

import java.util.function.Supplier;

/**
 * Counts the kiosk's checkouts by outcome for the operations role (docs/operations.md, "Metrics"):
 * {@code moralbank.checkouts{outcome=booked|repeated|refused|failed}}, a refusal also by its message code
 * ({@code moralbank.checkouts.refused{code=kiosk.pin.wrong}}), so a wave of wrong PINs or empty shelves shows.
 * Made when the node starts, so the series are there at 0 before the first checkout (an alert on their rate has
 * something to read).
 */
@Context
public final class CheckoutOutcomes {
    private final MeterRegistry registry;
    private final Counter booked;
    private final Counter repeated;
    private final Counter failed;

    CheckoutOutcomes(MeterRegistry registry) {
        this.registry = registry;
        this.booked = outcome("booked");
        this.repeated = outcome("repeated");
        this.failed = outcome("failed");
    }

    /** Runs one checkout and counts how it ended; what it answers or throws passes through unchanged. */
    public CheckoutResult count(Supplier<CheckoutResult> checkout) {
        try {
            CheckoutResult result = checkout.get();
            (result.repeated() ? repeated : booked).increment();
            return result;
        } catch (BadInput refusal) {
            outcome("refused").increment();
            registry.counter("moralbank.checkouts.refused", "code", refusal.code()).increment();
            throw refusal;
        } catch (RuntimeException | Error e) {
            failed.increment();
            throw e;
        }
    }

    private Counter outcome(String outcome) {
        return registry.counter("moralbank.checkouts", "outcome", outcome);
    }
}
