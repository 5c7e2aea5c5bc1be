package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.product.Product;
import cn.moralbank.kiosk.testing.KioskDatabaseTest;
import cn.moralbank.kiosk.testing.KioskWorld;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The lock a node holds while it drives a checkout: one driver per checkout, across nodes, and nothing held back
 * from the projections while it is held (the projections read only below the oldest transaction id still running,
 * ADR 0007; a row lock held across the checkout's commands kept every kiosk's events from the views until it ended).
 */
@MicronautTest(transactional = false)
class CheckoutLockTest extends KioskDatabaseTest {
    @Inject ApplicationContext context;
    @Inject Checkouts checkouts;
    @Inject Ledger ledger;
    @Inject DataSource dataSource;
    @Inject CheckoutStore store;

    KioskWorld world;
    Sql sql;

    @BeforeAll
    void world() {
        world = new KioskWorld(context);
        sql = new Sql(dataSource);
    }

    private String aFinishedCheckout() {
        Household h = world.household(100);
        Product soap = world.product(world.hedongShop, "香皂", 4, 0, 10);
        Eventually.until("stock", () -> world.available(world.hedongShop, soap) == 10);
        return checkouts.checkout(world.kiosk1, new CheckoutRequest(UUID.randomUUID().toString(), h.cardNumber(),
                KioskWorld.PIN, List.of(new CheckoutRequest.Line(soap.id(), 1, soap.pricePoints())), List.of()))
                .checkoutId();
    }

    @Test
    void eventsAppendedWhileACheckoutIsDrivenAreReadableByTheProjectionsAtOnce() {
        String checkout = aFinishedCheckout();
        Household other = world.household(0);
        try (CheckoutStore.Lock lock = store.tryLock(checkout).orElseThrow()) {
            // another kiosk's or office's command, committed while this checkout is being driven
            ledger.credit(world.hedongAdmin, new CreditCommand(other.householdId(), new EntryId("while-locked"), 7,
                    "test", "好人好事"));
            long position = ((Number) sql.single("SELECT max(global_index) FROM domain_event_entry "
                    + "WHERE aggregate_identifier = ?", other.householdId().value())).longValue();
            // with the checkout's row locked (a transaction id held since before the credit) this never came true
            Eventually.until("the credit below the projections' safe position while the lock is held",
                    Duration.ofSeconds(20), () -> ((Number) sql.single("SELECT safe_event_position()")).longValue()
                            > position);
            Eventually.until("the credit on the balance while the lock is held", () ->
                    world.balance(other.householdId()) == 7);
        }
    }

    @Test
    void aCheckoutIsDrivenByOneHolderAtATime() {
        String checkout = aFinishedCheckout();
        try (CheckoutStore.Lock first = store.tryLock(checkout).orElseThrow()) {
            assertEquals(CheckoutStatus.COMPLETED, first.status());
            // the recovery job passes over a checkout another holds
            assertTrue(store.tryLock(checkout).isEmpty());
        }
        try (CheckoutStore.Lock again = store.tryLock(checkout).orElse(null)) {
            assertNotNull(again, "free again once the holder closed");
        }
        assertTrue(store.tryLock("no-such-checkout").isEmpty());
    }
}
