package cn.moralbank.web.security;

import cn.moralbank.points.access.Throttles;
import cn.moralbank.points.people.PersonRepository;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * Slows password guessing on every node at once (counts in PostgreSQL, {@link Throttles}): per account a growing
 * delay after five wrong passwords (15 s, doubling, at most 5 min: someone trying another's account costs its owner
 * a few minutes at most, never a long lock), and per client address a block of 15 minutes after twenty wrong
 * passwords or PINs on any accounts or cards. Accounts are counted only when they exist, so a typed name never fills
 * the table. A success clears the account's count.
 */
@Singleton
public class LoginThrottle {
    private final Throttles throttles;
    private final ClientAddress addresses;
    private final PersonRepository persons;

    LoginThrottle(Throttles throttles, ClientAddress addresses, PersonRepository persons) {
        this.throttles = throttles;
        this.addresses = addresses;
        this.persons = persons;
    }

    /** How long this request must wait before trying (its address or its account held back); empty: try now. */
    public Optional<Duration> waiting(HttpRequest<?> request, String username) {
        Optional<Duration> address = throttles.waiting(Throttles.ADDRESS, addresses.of(request));
        if (address.isPresent()) {
            return address;
        }
        return known(username) ? throttles.waiting(Throttles.ACCOUNT, key(username)) : Optional.empty();
    }

    public void failed(HttpRequest<?> request, String username) {
        throttles.failed(Throttles.ADDRESS, addresses.of(request));
        if (known(username)) {
            throttles.failed(Throttles.ACCOUNT, key(username));
        }
    }

    public void succeeded(String username) {
        throttles.cleared(Throttles.ACCOUNT, key(username));
    }

    private boolean known(String username) {
        return username != null && username.length() <= 50 && persons.findByUsername(key(username)).isPresent();
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
