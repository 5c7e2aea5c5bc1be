package cn.moralbank.kiosk.supermarket;

import cn.moralbank.kiosk.api.SupermarketId;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import jakarta.inject.Singleton;

/**
 * Which supermarket an operator or a kiosk device works for. It is read from the person's row on every call rather
 * than carried in the token: a device moved to another supermarket, or switched off, counts from the next request.
 */
@Singleton
public class Tills {
    private final TillPerson.Lookup persons;
    private final Supermarkets supermarkets;

    Tills(TillPerson.Lookup persons, Supermarkets supermarkets) {
        this.persons = persons;
        this.supermarkets = supermarkets;
    }

    /** The supermarket of an operator or kiosk; 403 for anyone else, or for one not attached to a supermarket. */
    public Supermarket of(Actor actor) {
        if (actor.role() != Role.KIOSK && actor.role() != Role.SUPERMARKET_OPERATOR) {
            throw new AccessDenied("only a supermarket's operator or kiosk works at its till");
        }
        TillPerson person = persons.findByUsername(actor.userId()).filter(TillPerson::active)
                .orElseThrow(() -> new AccessDenied("person " + actor.userId()));
        if (person.supermarketId() == null) {
            throw new AccessDenied("no supermarket for " + actor.userId());
        }
        Supermarket supermarket = supermarkets.get(new SupermarketId(person.supermarketId()));
        if (!supermarket.active()) {
            throw new AccessDenied("supermarket " + supermarket.id() + " is closed");
        }
        return supermarket;
    }

    /** The operator's own supermarket, where they may change stock, prices and refunds. */
    public Supermarket operated(Actor actor, SupermarketId id) {
        if (actor.role() != Role.SUPERMARKET_OPERATOR) {
            throw new AccessDenied("only the supermarket's operator changes it");
        }
        Supermarket own = of(actor);
        if (!own.supermarketId().equals(id)) {
            throw new AccessDenied("supermarket " + id.value());
        }
        return own;
    }

    /**
     * A supermarket the actor may read: its own for an operator or kiosk, any within scope for the offices and the
     * village administrator.
     */
    public Supermarket readable(Actor actor, SupermarketId id) {
        if (actor.role() == Role.KIOSK || actor.role() == Role.SUPERMARKET_OPERATOR) {
            Supermarket own = of(actor);
            if (!own.supermarketId().equals(id)) {
                throw new AccessDenied("supermarket " + id.value());
            }
            return own;
        }
        if (actor.role() == Role.VILLAGER || actor.role() == Role.GRID_WORKER
                || actor.role() == Role.COMMITTEE_MEMBER) {
            throw new AccessDenied("supermarket " + id.value());
        }
        Supermarket supermarket = supermarkets.get(id);
        if (!actor.covers(supermarket.regionPath())) {
            throw new AccessDenied("supermarket " + id.value());
        }
        return supermarket;
    }
}
