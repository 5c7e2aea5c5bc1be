package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.product.Product;
import cn.moralbank.kiosk.testing.KioskDatabaseTest;
import cn.moralbank.kiosk.testing.KioskWorld;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.points.voucher.Vouchers;
import cn.moralbank.points.voucher.api.VoucherSerial;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Invariants 4 and 5 under a race: sixteen checkouts at two kiosks scan the same voucher at the same moment, each
 * with a request id of its own. Exactly one is paid with it; every other is refused and takes neither stock nor
 * points, and the voucher is spent once.
 */
@MicronautTest(transactional = false)
class ConcurrentVoucherTest extends KioskDatabaseTest {
    private static final int KIOSKS = 16;

    @Inject ApplicationContext context;
    @Inject Checkouts checkouts;
    @Inject Vouchers vouchers;
    @Inject DataSource dataSource;

    @Test
    void sixteenKiosksScanningOneVoucherAtOnceSpendItExactlyOnce() throws Exception {
        KioskWorld world = new KioskWorld(context);
        Sql sql = new Sql(dataSource);
        Household h = world.household(100);
        Product towel = world.product(world.hedongShop, "毛巾", 8, 0, 40);
        Eventually.until("stock", () -> world.available(world.hedongShop, towel) == 40);
        var issued = vouchers.issue(world.hedongAdmin, h.householdId(), List.of(10L), UUID.randomUUID().toString());
        String serial = issued.vouchers().get(0).serial();
        Eventually.until("voucher view", () -> vouchers.find(new VoucherSerial(serial)).isPresent());
        Eventually.until("voucher paid", () -> world.balance(h.householdId()) == 90);
        String code = vouchers.printedCode(world.hedongAdmin, new VoucherSerial(serial));

        ExecutorService pool = Executors.newFixedThreadPool(KIOSKS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < KIOSKS; i++) {
            Actor kiosk = i % 2 == 0 ? world.kiosk1 : world.kiosk2;
            answers.add(pool.submit(() -> {
                start.await();
                try {
                    checkouts.checkout(kiosk, new CheckoutRequest(UUID.randomUUID().toString(), null, null,
                            List.of(new CheckoutRequest.Line(towel.id(), 1, 8)), List.of(code)));
                    return "paid";
                } catch (BadInput refusal) {
                    return refusal.code();
                }
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> answer : answers) {
            outcomes.add(answer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertEquals(1, outcomes.stream().filter("paid"::equals).count(), "exactly one paid: " + outcomes);
        assertTrue(outcomes.stream().filter(o -> !o.equals("paid"))
                .allMatch(o -> o.equals("voucher.redeemed") || o.equals("checkout.busy")), outcomes.toString());
        assertEquals(1, sql.count("SELECT count(*) FROM checkout WHERE status = 'COMPLETED'"));
        long redeemed = sql.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%.VoucherRedeemed'", serial);
        long cancelled = sql.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%.VoucherRedemptionCancelled'", serial);
        assertEquals(1, redeemed - cancelled, "the voucher stays spent once");
        Eventually.until("read models", () -> world.onHand(world.hedongShop, towel) == 39
                && world.available(world.hedongShop, towel) == 39 && world.balance(h.householdId()) == 92
                // the voucher views are a processor of their own, which may be behind the others
                && "REDEEMED".equals(sql.single("SELECT status FROM voucher_view WHERE serial = ?", serial)));
        assertEquals(39, world.available(world.hedongShop, towel), "one towel left the shelf, none set aside");
        assertEquals(92, world.balance(h.householdId()), "the change of one voucher credited once");
        assertEquals("REDEEMED", sql.single("SELECT status FROM voucher_view WHERE serial = ?", serial));
        assertEquals(1, sql.count("SELECT count(*) FROM sale_line_view WHERE household_id = ?", h.id()));
    }
}
