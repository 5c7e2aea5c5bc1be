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
import java.sql.Timestamp;
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
    void fromTheFifthWrongPinTheCardWaitsLongerEachTimeButNeverLongerThanFiveMinutes() {
        Household h = world.household(10);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(refusalOf(i % 2 == 0 ? world.kiosk1 : world.kiosk2, h, "000" + i));
        }
        assertEquals(List.of("kiosk.pin.wrong", "kiosk.pin.wrong", "kiosk.pin.wrong", "kiosk.pin.wrong"), answers);
        KioskRefusal fifth = assertThrows(KioskRefusal.class, () -> pins.verify(world.kiosk2, h.cardNumber(), "0004"));
        assertEquals("kiosk.pin.wrong-locked", fifth.code());
        assertEquals(List.of(5, 15L), fifth.arguments(), "five wrong: wait 15 seconds");
        KioskRefusal waiting = assertThrows(KioskRefusal.class,
                () -> pins.verify(world.kiosk1, h.cardNumber(), KioskWorld.PIN));
        assertEquals("kiosk.card.locked", waiting.code(), "the right PIN waits too, for seconds");
        assertTrue((Long) waiting.arguments().get(0) <= 15, waiting.arguments().toString());
        Sql sql = new Sql(dataSource);
        assertEquals(1, sql.count("SELECT count(*) FROM card_pin_guard WHERE card_number = ? "
                + "AND locked_until < now() + interval '16 seconds'", h.cardNumber()), "kept in PostgreSQL, seconds");

        Duration moved = Duration.ZERO;
        try {
            long expected = 15;
            for (int failures = 6; failures <= 12; failures++) {
                Duration step = Duration.ofSeconds(expected + 1);
                clock.advance(step);
                moved = moved.plus(step);
                expected = Math.min(expected * 2, 300);
                KioskRefusal again = assertThrows(KioskRefusal.class,
                        () -> pins.verify(failuresOn(world), h.cardNumber(), "9999"));
                assertEquals("kiosk.pin.wrong-locked", again.code(), "a wait that ended starts no fresh count");
                assertEquals(List.of(failures, expected), again.arguments(), "doubling, at most five minutes");
            }
            assertEquals(0, sql.count("SELECT count(*) FROM card_pin_guard WHERE card_number = ? AND locked_until > "
                    + "? ::timestamptz + interval '5 minutes 1 second'", h.cardNumber(),
                    Timestamp.from(clock.instant())), "never a lock longer than five minutes");
            Duration step = Duration.ofSeconds(301);
            clock.advance(step);
            moved = moved.plus(step);
            assertEquals(h.id(), pins.verify(world.kiosk1, h.cardNumber(), KioskWorld.PIN).id(),
                    "the owner's right PIN after the wait");
            KioskRefusal fresh = assertThrows(KioskRefusal.class,
                    () -> pins.verify(world.kiosk1, h.cardNumber(), "9999"));
            assertEquals(List.of(4), fresh.arguments(), "the right PIN forgot the count");
        } finally {
            clock.advance(moved.negated());
        }
    }

    /** Alternating kiosks, so no kiosk reaches its own limit of wrong PINs in this test. */
    private static int turn;

    private static Actor failuresOn(KioskWorld world) {
        return turn++ % 2 == 0 ? world.kiosk1 : world.kiosk2;
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
        assertEquals("kiosk.card.unusable", assertThrows(KioskRefusal.class,
                () -> pins.verify(world.kiosk1, "1234567890", KioskWorld.PIN)).code(),
                "an unknown card answers as a card of another village does");
        Household h = world.household(10);
        assertEquals("kiosk.pin.malformed", refusalOf(world.kiosk1, h, "12a4"));
        assertEquals("kiosk.pin.malformed", refusalOf(world.kiosk1, h, null));
        assertFalse(pins.locked(h.cardNumber()), "a malformed PIN is not counted");
    }
}
