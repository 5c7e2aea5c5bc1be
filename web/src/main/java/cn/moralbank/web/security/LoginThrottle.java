package cn.moralbank.web.security;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after five failed sign-ins a username is locked for fifteen minutes. Kept in memory
 * per node; a restart forgets it, which costs an attacker a restart per five guesses.
 */
@Singleton
class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(15);
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    boolean isLocked(String username) {
        Failures f = failures.get(key(username));
        return f != null && f.count >= MAX_FAILURES && clock.instant().isBefore(f.last.plus(LOCK));
    }

    void failed(String username) {
        failures.merge(key(username), new Failures(1, clock.instant()),
                (old, one) -> new Failures(old.count + 1, one.last));
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(java.util.Locale.ROOT);
    }

    private record Failures(int count, Instant last) {
    }
}
