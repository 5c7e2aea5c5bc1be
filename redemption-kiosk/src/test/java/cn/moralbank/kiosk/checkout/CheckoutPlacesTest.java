package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.OneTransaction;
import cn.moralbank.points.common.TryAgainLater;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The review's find: a checkout waited for one of the node's places (each holds a connection) without a bound, so a
 * stuck database could hold every request thread of the kiosk for good. It waits {@code parallel-wait} at most, then
 * is answered "busy, try again" (503).
 */
class CheckoutPlacesTest {

    @Test
    void aCheckoutWaitsForAPlaceNoLongerThanItsBoundThenIsToldToTryAgain() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OneTransaction stuck = new OneTransaction() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> R run(Supplier<R> work) {
                holding.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("the database never answered");
            }
        };
        KioskSettings settings = new KioskSettings(7, 5, Duration.ofSeconds(15), Duration.ofMinutes(5),
                Duration.ofHours(24), Duration.ofMinutes(2), 1, Duration.ofMillis(300));
        CheckoutProcess process = new CheckoutProcess(null, null, null, stuck, settings, Clock.systemUTC());
        Actor kiosk = new Actor("hedong.kiosk1", Role.KIOSK, "/", null, "k1");
        Thread first = new Thread(() -> assertThrows(IllegalStateException.class,
                () -> process.run(kiosk, null, new CheckoutId(UUID.randomUUID().toString()), "h", () -> null)));
        first.start();
        assertTrue(holding.await(10, TimeUnit.SECONDS), "the first checkout holds the only place");

        long started = System.nanoTime();
        TryAgainLater busy = assertThrows(TryAgainLater.class,
                () -> process.run(kiosk, null, new CheckoutId(UUID.randomUUID().toString()), "h", () -> null));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals("commands.busy", busy.code());
        assertTrue(waited >= 250, "it waited for the place: " + waited + " ms");

        release.countDown();
        first.join(10_000);
    }
}
