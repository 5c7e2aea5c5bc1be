package cn.moralbank.points.people;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.household.HouseholdRepository;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import jakarta.inject.Singleton;

import java.util.Optional;

/** People who sign in, their password (bcrypt, never logged) and the scope their role holds. */
@Singleton
public class People {
    private final Passwords passwords;
    private final PersonRepository persons;
    private final Regions regions;
    private final HouseholdRepository households;

    People(PersonRepository persons, Regions regions, HouseholdRepository households, Passwords passwords) {
        this.passwords = passwords;
        this.persons = persons;
        this.regions = regions;
        this.households = households;
    }

    public Person create(String username, String displayName, String password, Role role, Long regionId,
                         String householdId, Long supermarketId) {
        if (username == null || !username.matches("[a-z0-9_.-]{3,50}")) {
            throw new BadInput("person.username.invalid", String.valueOf(username));
        }
        if (password == null || password.length() < 8) {
            throw new BadInput("person.password.too-short");
        }
        if (persons.findByUsername(username).isPresent()) {
            throw new BadInput("person.username.taken", username);
        }
        return persons.save(new Person(null, username, displayName, hash(password), role, regionId, householdId,
                supermarketId, true, null));
    }

    /**
     * Signs a person in by username and password, compared only through {@link Passwords} (throttled per address
     * and per account, claimed before the comparison).
     *
     * @throws cn.moralbank.points.access.Throttles.HeldBack when the address or the account must wait
     */
    public Optional<SignedIn> authenticate(String username, String password, String address) {
        return passwords.check(username, password, address).map(p -> new SignedIn(actorOf(p), p.displayName()));
    }

    /** The scope a person's role holds, as an actor. */
    public Actor actorOf(Person person) {
        String path;
        if (person.householdId() != null) {
            path = households.findById(person.householdId()).orElseThrow().regionPath();
        } else {
            Region region = regions.get(person.regionId());
            path = region.path();
        }
        String device = person.role() == Role.KIOSK ? person.username() : null;
        return new Actor(person.username(), person.role(), path, person.householdId(), device);
    }

    String hash(String password) {
        return passwords.hash(password);
    }
}
