package cn.moralbank.points.people;

import at.favre.lib.crypto.bcrypt.BCrypt;
import cn.moralbank.points.access.Throttles;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The one place a person's password is compared with a typed one: signing in (the /login form and /api/login) and
 * the current password when a signed-in person changes it (/api/me/password, the /password page). Every comparison
 * first claims a try from the throttles, per client address and, when the account exists, per account
 * ({@link Throttles#claim}): counted as a failure before bcrypt runs, so parallel guesses on any node are compared
 * at most as often as guesses one after another. Held back: {@link Throttles.HeldBack}, nothing compared. A right
 * password forgets the account's failures and gives the address's claimed try back; a wrong one stays counted.
 * Accounts are counted only when they exist, so no typed name is stored. An architecture rule keeps bcrypt's
 * verifier for passwords here (ModuleBoundariesTest).
 */
@Singleton
public class Passwords {
    private final PersonRepository persons;
    private final Throttles throttles;
    /** Compared against when the username is unknown, so a wrong name costs as much time as a wrong password. */
    private final String dummyHash;
    /**
     * bcrypt's cost: a password is guessed from anywhere, not at one kiosk, so besides the growing wait after wrong
     * tries (Throttles) each check is kept slow enough to make guessing a leaked hash expensive (docs/performance.md,
     * "bcrypt's cost per check").
     */
    private final int cost;

    Passwords(PersonRepository persons, Throttles throttles,
              @Value("${moralbank.password-cost:10}") int cost) {
        this.persons = persons;
        this.throttles = throttles;
        this.cost = cost;
        this.dummyHash = hash("dummy");
    }

    /** A new password's hash, at the configured cost. */
    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /**
     * The active person named, when the typed password is theirs; empty when not (or the name is unknown).
     *
     * @throws Throttles.HeldBack when the address or the account must wait; the password was not compared
     */
    public Optional<Person> check(String username, String typed, String address) {
        if (username == null || typed == null || typed.length() > 200 || username.length() > 50) {
            // refused unread, but counted like any wrong try, so oversized guesses are not free
            throttles.claim(Throttles.ADDRESS, address == null ? "unknown" : address);
            return Optional.empty();
        }
        Optional<Person> found = persons.findByUsername(username);
        Throttles.Try fromAddress = throttles.claim(Throttles.ADDRESS, address == null ? "unknown" : address);
        if (!fromAddress.granted()) {
            throw new Throttles.HeldBack(fromAddress.seconds());
        }
        Throttles.Try onAccount = null;
        if (found.isPresent()) {
            onAccount = throttles.claim(Throttles.ACCOUNT, found.get().username());
            if (!onAccount.granted()) {
                throttles.undo(fromAddress);
                throw new Throttles.HeldBack(onAccount.seconds());
            }
        }
        Optional<Person> active = found.filter(Person::active);
        boolean right = BCrypt.verifyer()
                .verify(typed.toCharArray(), active.map(Person::passwordHash).orElse(dummyHash)).verified;
        if (!right || active.isEmpty()) {
            return Optional.empty();
        }
        throttles.cleared(Throttles.ACCOUNT, active.get().username());
        throttles.undo(fromAddress);
        return active;
    }
}
