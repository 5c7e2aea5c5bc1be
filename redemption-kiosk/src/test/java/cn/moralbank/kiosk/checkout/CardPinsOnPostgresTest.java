package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.testing.KioskDatabaseTest;
import cn.moralbank.kiosk.testing.KioskWorld;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.deed.MovableClock;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdStatus;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.testing.Sql;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.*;

import static org.junit.jupiter.api.Assertions.*;

@MicronautTest(transactional = false)
class CardPinsOnPostgresTest extends KioskDatabaseTest {
    @Inject ApplicationContext context;
    @Inject CardPins pins;
    @Inject Households households;
    @Inject MovableClock clock;
    @Inject DataSource dataSource;

    KioskWorld world;

    @BeforeAll
    void world() {
        world = new KioskWorld(context);
    }

    private String refusalOf(Actor kiosk, Household h, String pin) {
        return assertThrows(KioskRefusal.class, () -> pins.verify(kiosk, h.cardNumber(), pin)).code();
    }

    @Test
    void fiveWrongPinsOnTwoKiosksLockTheCardForFifteenMinutes() {
        Household h = world.household(10);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(refusalOf(i % 2 == 0 ? world.kiosk1 : world.kiosk2, h, "000" + i));
        }
        assertEquals(List.of("kiosk.pin.wrong", "kiosk.pin.wrong", "kiosk.pin.wrong", "kiosk.pin.wrong",
                "kiosk.pin.wrong-locked"), answers);
        assertEquals("kiosk.card.locked", refusalOf(world.kiosk1, h, KioskWorld.PIN), "even the right PIN");
        assertTrue(pins.locked(h.cardNumber()));
        assertEquals(1, new Sql(dataSource).count("SELECT count(*) FROM card_pin_guard WHERE card_number = ? "
                + "AND locked_until > now() + interval '14 minutes'", h.cardNumber()), "kept in PostgreSQL");

        clock.advance(Duration.ofMinutes(16));
        try {
            assertEquals(h.id(), pins.verify(world.kiosk1, h.cardNumber(), KioskWorld.PIN).id());
            assertFalse(pins.locked(h.cardNumber()));
        } finally {
            clock.advance(Duration.ofMinutes(-16));
        }
    }

    @Test
    void theRightPinStartsTheCountAgain() {
        Household h = world.household(10);
        for (int i = 0; i < 4; i++) {
            assertEquals("kiosk.pin.wrong", refusalOf(world.kiosk1, h, "9999"));
        }
        pins.verify(world.kiosk1, h.cardNumber(), KioskWorld.PIN);
        KioskRefusal wrong = assertThrows(KioskRefusal.class, () -> pins.verify(world.kiosk1, h.cardNumber(), "9999"));
        assertEquals("kiosk.pin.wrong", wrong.code());
        assertEquals(List.of(4), wrong.arguments(), "four tries left again");
    }

    @Test
    void guessesSentAtTheSameMomentGetFiveTriesBetweenThemNotFiveEach() throws Exception {
        Household h = world.household(10);
        ExecutorService kiosks = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Actor kiosk = i % 2 == 0 ? world.kiosk1 : world.kiosk2;
            String guess = String.format("%04d", 5000 + i);
            answers.add(kiosks.submit(() -> {
                go.await();
                return assertThrows(KioskRefusal.class, () -> pins.verify(kiosk, h.cardNumber(), guess)).code();
            }));
        }
        go.countDown();
        List<String> codes = new ArrayList<>();
        for (Future<String> answer : answers) {
            codes.add(answer.get(60, TimeUnit.SECONDS));
        }
        kiosks.shutdown();
        assertEquals(5, codes.stream().filter(c -> c.startsWith("kiosk.pin.wrong")).count(), codes.toString());
        assertEquals(7, codes.stream().filter(c -> c.equals("kiosk.card.locked")).count(), codes.toString());
    }

    @Test
    void aCardWithoutPinAnUnknownCardAndAMovedHouseholdAreRefused() {
        Household moved = world.household(10);
        Actor admin = new Actor("admin", Role.VILLAGE_ADMIN, world.hedongGrid.path(), null, null);
        households.setStatus(admin, moved.householdId(), HouseholdStatus.MOVED);
        assertEquals("kiosk.card.inactive", refusalOf(world.kiosk1, moved, KioskWorld.PIN));
        assertThrows(cn.moralbank.points.common.NotFound.class,
                () -> pins.verify(world.kiosk1, "1234567890", KioskWorld.PIN));
        Household h = world.household(10);
        assertEquals("kiosk.pin.malformed", refusalOf(world.kiosk1, h, "12a4"));
        assertEquals("kiosk.pin.malformed", refusalOf(world.kiosk1, h, null));
        assertFalse(pins.locked(h.cardNumber()), "a malformed PIN is not counted");
    }
}
