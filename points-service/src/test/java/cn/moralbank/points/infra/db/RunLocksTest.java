package cn.moralbank.points.infra.db;

import cn.moralbank.points.common.RunLocks;
import cn.moralbank.points.testing.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A long run's lock (verify's): one holder at a time, seen from anywhere, free again once closed. */
@MicronautTest(transactional = false)
class RunLocksTest extends DatabaseTest {
    private static final long KEY = 0x7465_7374_6c6f_636bL;

    @Inject RunLocks locks;

    @Test
    void oneRunHoldsTheLockUntilItClosesIt() {
        assertFalse(locks.held(KEY));
        Optional<RunLocks.Held> first = locks.tryHold(KEY);
        assertTrue(first.isPresent());
        try (RunLocks.Held held = first.get()) {
            assertTrue(locks.held(KEY), "seen held, from another connection");
            assertTrue(locks.tryHold(KEY).isEmpty(), "a second run (another connection, as another node) is refused");
        }
        assertFalse(locks.held(KEY));
        Optional<RunLocks.Held> again = locks.tryHold(KEY);
        assertTrue(again.isPresent(), "free again once closed");
        again.get().close();
    }
}
