package cn.moralbank.points.household;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may move the registry in and out by the file: the administrators of a village and the officers above them.
 * Scope alone is not enough here: a villager's scope is the whole village, yet they may see only their own household.
 */
final class RegistryManagers {
    private static final Set<Role> MANAGERS = EnumSet.of(Role.COUNTY_OFFICE, Role.TOWNSHIP_OFFICER, Role.VILLAGE_ADMIN);

    private RegistryManagers() {
    }

    static void require(Actor actor, String what) {
        if (!MANAGERS.contains(actor.role())) {
            throw new AccessDenied(what + " for " + actor.role());
        }
    }
}
