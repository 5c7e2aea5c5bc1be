package cn.moralbank.web.pages.deeds;

import java.util.function.BooleanSupplier;

/**
 * Read-your-own-writes for pages. A change is recorded at once, but the read models follow the events a moment
 * later; a page shown right after a form was sent waits briefly for them, so a person sees what they just did
 * instead of the state before it. After the wait the page is shown anyway: the change is safe in the event store.
 */
final class ReadModels {
    private static final long WAIT_MILLIS = 3000;

    private ReadModels() {
    }

    static void awaitBriefly(BooleanSupplier caughtUp) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!caughtUp.getAsBoolean() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
