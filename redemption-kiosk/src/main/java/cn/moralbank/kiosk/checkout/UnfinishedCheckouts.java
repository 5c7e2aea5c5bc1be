package cn.moralbank.kiosk.checkout;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The job that finishes checkouts an earlier version left half-way ({@link HalfFinishedCheckouts}), so no stock stays
 * set aside and no voucher stays spent for a checkout nobody will retry. One another node is finishing holds its lock
 * and is skipped.
 */
@Singleton
@Requires(property = "moralbank.kiosk.recovery.enabled", notEquals = "false")
class UnfinishedCheckouts {
    private static final Logger LOG = LoggerFactory.getLogger(UnfinishedCheckouts.class);
    private final HalfFinishedCheckouts halfFinished;
    private final CheckoutStore store;
    private final KioskSettings settings;
    private final Clock clock;

    UnfinishedCheckouts(HalfFinishedCheckouts halfFinished, CheckoutStore store, KioskSettings settings, Clock clock) {
        this.halfFinished = halfFinished;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(initialDelay = "${moralbank.kiosk.recovery.first-run:30s}",
            fixedDelay = "${moralbank.kiosk.recovery.interval:1m}")
    void run() {
        for (String id : store.unfinishedBefore(clock.instant().minus(settings.unfinishedAfter()))) {
            try {
                if (halfFinished.finish(id)) {
                    LOG.info("finished checkout {} left half-way", id);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not finish checkout {}, tried again next run: {}", id, e.toString());
            }
        }
    }
}
