package cn.moralbank.web.pages.self;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows guessing of four-digit card PINs, which ten thousand tries would find: a card is locked for fifteen minutes
 * after five wrong PINs, and an address after twenty wrong PINs on any cards (so no one walks the card numbers of a
 * village trying 1234 on each). Kept in memory per node, as the password throttle is.
 */
@Singleton
class PinThrottle {
    static final int PER_CARD = 5;
    static final int PER_ADDRESS = 20;
    static final Duration LOCK = Duration.ofMinutes(15);
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    boolean locked(String card, String address) {
        return over("card:" + card, PER_CARD) || over("addr:" + address, PER_ADDRESS);
    }

    void failed(String card, String address) {
        count("card:" + card);
        count("addr:" + address);
    }

    void succeeded(String card) {
        failures.remove("card:" + card);
    }

    private boolean over(String key, int limit) {
        Failures f = failures.get(key);
        return f != null && f.count >= limit && clock.instant().isBefore(f.last.plus(LOCK));
    }

    private void count(String key) {
        Instant now = clock.instant();
        failures.merge(key, new Failures(1, now), (old, one) ->
                now.isAfter(old.last.plus(LOCK)) ? one : new Failures(old.count + 1, now));
    }

    private record Failures(int count, Instant last) {
    }
}
