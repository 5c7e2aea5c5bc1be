package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.product.Product;
import cn.moralbank.kiosk.testing.KioskDatabaseTest;
import cn.moralbank.kiosk.testing.KioskWorld;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.*;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Many kiosks at once, on two application nodes sharing one PostgreSQL: checkouts for one household and from one
 * product's stock race, some retried with the same request id. Afterwards the points spent equal the accepted
 * checkouts, the stock sold equals their items, and nothing is negative.
 */
@MicronautTest(transactional = false)
class ConcurrentCheckoutTest extends KioskDatabaseTest {
    @Inject ApplicationContext context;
    @Inject Checkouts node1;
    @Inject DataSource dataSource;

    ApplicationContext secondNode;
    Checkouts node2;
    KioskWorld world;

    @BeforeAll
    void twoNodes() {
        world = new KioskWorld(context);
        secondNode = ApplicationContext.run(new HashMap<>(getProperties()), "test");
        node2 = secondNode.getBean(Checkouts.class);
    }

    @AfterAll
    void stopSecondNode() {
        if (secondNode != null) {
            secondNode.stop();
        }
    }

    @Test
    void kiosksRacingOnOneHouseholdAndOneProductNeverOverdrawNorOversellAndRetriesCountOnce() throws Exception {
        long startPoints = 300;
        long startStock = 25;
        Household h = world.household(startPoints);
        Product oil = world.product(world.hedongShop, "食用油", 7, 0, startStock);
        Eventually.until("stock", () -> world.available(world.hedongShop, oil) == startStock);

        int requests = 40;
        List<CheckoutRequest> sent = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String id = UUID.randomUUID().toString();
            CheckoutRequest request = new CheckoutRequest(id, h.cardNumber(), KioskWorld.PIN,
                    List.of(new CheckoutRequest.Line(oil.id(), 1 + i % 2, 7)), List.of());
            sent.add(request);
            if (i % 4 == 0) {
                sent.add(request);   // a retry after a network hiccup, racing the original
            }
        }
        ExecutorService kiosks = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> answers = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            CheckoutRequest request = sent.get(i);
            Checkouts node = i % 2 == 0 ? node1 : node2;
            Actor kiosk = i % 3 == 0 ? world.kiosk2 : world.kiosk1;
            answers.add(kiosks.submit(() -> {
                go.await();
                try {
                    return node.checkout(kiosk, request);
                } catch (KioskRefusal refusal) {
                    return refusal;
                }
            }));
        }
        go.countDown();
        Map<String, CheckoutResult> accepted = new HashMap<>();
        List<String> refusals = new ArrayList<>();
        for (Future<Object> answer : answers) {
            Object result = answer.get(120, TimeUnit.SECONDS);
            if (result instanceof CheckoutResult r) {
                CheckoutResult earlier = accepted.putIfAbsent(r.checkoutId(), r);
                if (earlier != null) {
                    assertEquals(earlier.receiptNo(), r.receiptNo(), "a retry answers with the first result");
                }
            } else {
                refusals.add(((KioskRefusal) result).code());
            }
        }
        kiosks.shutdown();

        long pointsSpent = accepted.values().stream().mapToLong(CheckoutResult::totalPoints).sum();
        long itemsSold = accepted.values().stream().mapToLong(CheckoutResult::itemCount).sum();
        assertTrue(itemsSold <= startStock, "sold " + itemsSold);
        assertTrue(pointsSpent <= startPoints, "spent " + pointsSpent);
        assertFalse(accepted.isEmpty());
        assertTrue(Set.of("stock.short", "checkout.points.insufficient", "checkout.busy").containsAll(refusals),
                refusals.toString());
        Eventually.until("balance", () -> world.balance(h.householdId()) == startPoints - pointsSpent);
        Eventually.until("stock", () -> world.onHand(world.hedongShop, oil) == startStock - itemsSold
                && world.available(world.hedongShop, oil) == startStock - itemsSold);
        Sql sql = new Sql(dataSource);
        assertEquals(accepted.size(), sql.count("SELECT count(*) FROM passbook_entry WHERE household_id = ? "
                + "AND kind = 'DEBIT'", h.id()), "one debit per accepted checkout");
        assertEquals(0, sql.count("SELECT count(*) FROM checkout WHERE status = 'STARTED'"));
        assertEquals(0, sql.count("SELECT count(*) FROM account_balance WHERE balance < 0"));
        assertEquals(0, sql.count("SELECT count(*) FROM stock_level WHERE on_hand < 0 OR reserved < 0 "
                + "OR on_hand < reserved"));
        // with 300 points and 25 tins at 7 points, one side must have run out
        assertTrue(itemsSold == startStock || startPoints - pointsSpent < 14,
                "sold " + itemsSold + ", left " + (startPoints - pointsSpent));
    }
}
