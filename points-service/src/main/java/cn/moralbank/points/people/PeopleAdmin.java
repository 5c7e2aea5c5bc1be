package cn.moralbank.points.people;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * Managing people (人员管理): add, edit, deactivate, reactivate, move (role and scope), reset a password. Each
 * change is allowed only where {@link Management} says the manager's role and region reach, written to
 * person_change with the person before and after, and, where it changes what a token says or whether it may be
 * used, ends the person's sessions at once ({@link Sessions#revoke}).
 */
@Singleton
public class PeopleAdmin {
    private final PersonRepository persons;
    private final PersonChangeRepository changes;
    private final Sessions sessions;
    private final PasswordResets resets;
    private final People people;
    private final Passwords passwords;
    private final Regions regions;
    private final SqlRows sql;

    PeopleAdmin(PersonRepository persons, PersonChangeRepository changes, Sessions sessions,
                PasswordResets resets, People people, Regions regions, SqlRows sql,
                Passwords passwords) {
        this.passwords = passwords;
        this.sql = sql;
        this.persons = persons;
        this.changes = changes;
        this.sessions = sessions;
        this.resets = resets;
        this.people = people;
        this.regions = regions;
    }

    /** The people this manager may manage, by username. */
    public List<Person> manageable(Actor manager) {
        var roles = Management.managedBy(manager.role()).stream().map(Role::name).toList();
        return roles.isEmpty() ? List.of() : persons.findManageable(manager.regionPath() + "%", roles);
    }

    public ManagedPerson get(Actor manager, String username) {
        Person person = managed(manager, username);
        Region region = regions.get(person.regionId());
        return new ManagedPerson(person.username(), person.displayName(), person.role(), region.code(),
                region.name(), person.supermarketId(), person.active(), resets.pending(username),
                changes.history(username));
    }

    /** Adds a person with a temporary password, shown once, to be changed at their first sign-in. */
    @Transactional
    public TemporaryPassword add(Actor manager, PersonForm form) {
        Region scope = scopeOf(manager, form);
        validName(form.displayName());
        TemporaryPassword temporary = TemporaryPassword.generate(form.username());
        Person person = people.create(form.username(), form.displayName().strip(), temporary.password(), form.role(),
                scope.id(), null, supermarketOf(form, scope));
        resets.issued(person.username(), manager.userId());
        audit(manager, person.username(), "ADD", "", state(person));
        return temporary;
    }

    /** The same, with a phone (the people import): one person of the file, in the import's transaction. */
    TemporaryPassword add(Actor manager, PersonForm form, String phone) {
        TemporaryPassword temporary = add(manager, form);
        if (phone != null) {
            Person added = persons.findByUsername(form.username()).orElseThrow();
            persons.update(new Person(added.id(), added.username(), added.displayName(), added.passwordHash(),
                    added.role(), added.regionId(), added.householdId(), added.supermarketId(), added.active(),
                    phone));
        }
        return temporary;
    }

    @Transactional
    public void rename(Actor manager, String username, String displayName) {
        Person before = managed(manager, username);
        validName(displayName);
        Person after = with(before, displayName.strip(), before.role(), before.regionId(), before.supermarketId(),
                before.active());
        persons.update(after);
        audit(manager, username, "EDIT", state(before), state(after));
    }

    @Transactional
    public void setActive(Actor manager, String username, boolean active) {
        Person before = managed(manager, username);
        if (before.active() == active) {
            return;
        }
        Person after = with(before, before.displayName(), before.role(), before.regionId(), before.supermarketId(),
                active);
        persons.update(after);
        sessions.revoke(username);
        audit(manager, username, active ? "REACTIVATE" : "DEACTIVATE", state(before), state(after));
    }

    /**
     * 合村并居: everyone who served the merged village (its administrator, committee, supermarket's operator and
     * kiosks) serves the village it joined, each move audited in the name of whoever merged. Grid workers keep their
     * grids, which moved; villagers their households. The county office then reviews who stays on the people page.
     */
    void followMerge(Actor by, Region from, Region into) {
        for (Person before : persons.findByRegionId(from.id())) {
            Person after = with(before, before.displayName(), before.role(), into.id(), before.supermarketId(),
                    before.active());
            persons.update(after);
            sessions.revoke(before.username());
            audit(by, before.username(), "MOVE", state(before), state(after));
        }
    }

    /** Moves a person to another role or scope; the manager must reach both the old and the new place. */
    @Transactional
    public void move(Actor manager, String username, PersonForm to) {
        Person before = managed(manager, username);
        Region scope = scopeOf(manager, to);
        Person after = with(before, before.displayName(), to.role(), scope.id(), supermarketOf(to, scope),
                before.active());
        persons.update(after);
        sessions.revoke(username);
        audit(manager, username, "MOVE", state(before), state(after));
    }

    @Transactional
    public TemporaryPassword resetPassword(Actor manager, String username) {
        Person before = managed(manager, username);
        TemporaryPassword temporary = TemporaryPassword.generate(username);
        persons.update(new Person(before.id(), before.username(), before.displayName(),
                people.hash(temporary.password()), before.role(), before.regionId(), before.householdId(),
                before.supermarketId(), before.active(), before.phone()));
        resets.issued(username, manager.userId());
        sessions.revoke(username);
        audit(manager, username, "PASSWORD_RESET", state(before), state(before));
        return temporary;
    }

    /**
     * A person sets their own password (after a reset, or any time): their other sessions end. The current password
     * is compared through {@link Passwords}, so guessing it is throttled per account and per client address as
     * signing in is ({@link cn.moralbank.points.access.Throttles.HeldBack} while held back).
     */
    @Transactional
    public void changeOwnPassword(Actor self, String current, String chosen, String address) {
        Person person = persons.findByUsername(self.userId())
                .orElseThrow(() -> new NotFound("person.not-found", self.userId()));
        if (passwords.check(person.username(), current, address).isEmpty()) {
            throw new BadInput("person.password.wrong");
        }
        if (chosen == null || chosen.length() < 8 || chosen.length() > 200) {
            throw new BadInput("person.password.too-short");
        }
        if (chosen.equals(current)) {
            throw new BadInput("person.password.unchanged");
        }
        persons.update(new Person(person.id(), person.username(), person.displayName(), people.hash(chosen),
                person.role(), person.regionId(), person.householdId(), person.supermarketId(), person.active(),
                person.phone()));
        resets.done(person.username());
        sessions.revoke(person.username());
        audit(self, person.username(), "PASSWORD_CHANGED", "", "");
    }

    private Person managed(Actor manager, String username) {
        Person person = persons.findByUsername(username == null ? "" : username)
                .orElseThrow(() -> new NotFound("person.not-found", username));
        if (person.regionId() == null) {
            throw new AccessDenied("person " + username);
        }
        Management.require(manager, person.role(), regions.get(person.regionId()));
        return person;
    }

    private Region scopeOf(Actor manager, PersonForm form) {
        Region scope = regions.byCode(form.regionCode());
        Management.require(manager, form.role(), scope);
        Management.requireLevel(form.role(), scope);
        return scope;
    }

    /** An operator's or a kiosk's supermarket: given, and serving the person's village ({@link ServingSupermarket}). */
    private Long supermarketOf(PersonForm form, Region scope) {
        boolean shop = form.role() == Role.SUPERMARKET_OPERATOR || form.role() == Role.KIOSK;
        if (!shop) {
            return null;
        }
        if (form.supermarketId() == null) {
            throw new BadInput("person.supermarket.missing");
        }
        if (!ServingSupermarket.serves(sql, form.supermarketId(), scope)) {
            throw new BadInput("people.import.supermarket-elsewhere", form.supermarketId(), scope.name());
        }
        return form.supermarketId();
    }

    private static void validName(String displayName) {
        if (displayName == null || displayName.isBlank() || displayName.strip().length() > 50
                || !PlainText.name(displayName)) {
            throw new BadInput("person.display-name.invalid");
        }
    }

    private static Person with(Person p, String name, Role role, Long regionId, Long supermarketId, boolean active) {
        return new Person(p.id(), p.username(), name, p.passwordHash(), role, regionId, p.householdId(),
                supermarketId, active, p.phone());
    }

    private String state(Person p) {
        Region region = regions.get(p.regionId());
        return "name=" + p.displayName() + "; role=" + p.role() + "; region=" + region.code() + " " + region.name()
                + (p.supermarketId() == null ? "" : "; supermarket=" + p.supermarketId())
                + (p.phone() == null ? "" : "; phone=" + p.phone())
                + "; active=" + p.active();
    }

    private void audit(Actor by, String username, String action, String before, String after) {
        changes.save(new PersonChange(null, username, action, by.userId(), by.role().name(), Instant.now(),
                cut(before), cut(after)));
    }

    private static String cut(String s) {
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
