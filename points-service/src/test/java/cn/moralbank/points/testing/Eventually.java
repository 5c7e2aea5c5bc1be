package cn.moralbank.points.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for an asynchronous projection to catch up, failing after a generous limit: a minute by default, since a
 * loaded 2-core CI machine once took more than 20 s for a projection to follow (the wait ends as soon as the
 * condition holds, so the limit costs nothing when all is well).
 */
public final class Eventually {
    private Eventually() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, Duration.ofSeconds(60), condition);
    }

    /** As {@link #until(String, BooleanSupplier)}, waiting at most {@code within}; it ends as soon as the condition holds. */
    public static void until(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
