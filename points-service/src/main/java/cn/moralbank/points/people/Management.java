package cn.moralbank.points.people;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may manage whom, following the region tree: a county office its townships' officers and village
 * administrators, a village administrator its committee, grid workers, supermarket operators and kiosk devices; and
 * the region level each role's scope must have. A role above the county (the city office, 市文明办, managing county
 * offices) is one more line in {@link #MANAGES}; the scope check is the same path prefix at every level.
 */
public final class Management {
    private static final Map<Role, Set<Role>> MANAGES = new EnumMap<>(Role.class);
    private static final Map<Role, RegionLevel> SCOPE_LEVEL = new EnumMap<>(Role.class);

    static {
        MANAGES.put(Role.CITY_OFFICE, EnumSet.of(Role.COUNTY_OFFICE));
        MANAGES.put(Role.COUNTY_OFFICE, EnumSet.of(Role.TOWNSHIP_OFFICER, Role.VILLAGE_ADMIN));
        MANAGES.put(Role.VILLAGE_ADMIN, EnumSet.of(Role.COMMITTEE_MEMBER, Role.GRID_WORKER,
                Role.SUPERMARKET_OPERATOR, Role.KIOSK));
        SCOPE_LEVEL.put(Role.CITY_OFFICE, RegionLevel.CITY);
        SCOPE_LEVEL.put(Role.COUNTY_OFFICE, RegionLevel.COUNTY);
        SCOPE_LEVEL.put(Role.TOWNSHIP_OFFICER, RegionLevel.TOWNSHIP);
        SCOPE_LEVEL.put(Role.VILLAGE_ADMIN, RegionLevel.VILLAGE);
        SCOPE_LEVEL.put(Role.COMMITTEE_MEMBER, RegionLevel.VILLAGE);
        SCOPE_LEVEL.put(Role.SUPERMARKET_OPERATOR, RegionLevel.VILLAGE);
        SCOPE_LEVEL.put(Role.KIOSK, RegionLevel.VILLAGE);
        SCOPE_LEVEL.put(Role.GRID_WORKER, RegionLevel.GRID);
    }

    private Management() {
    }

    /** The roles this manager may add, change and move; empty for a role that manages nobody. */
    public static Set<Role> managedBy(Role manager) {
        return MANAGES.getOrDefault(manager, Set.of());
    }

    /** Whether the manager may manage a person of this role whose scope is this region. */
    public static boolean mayManage(Actor manager, Role role, Region scope) {
        return managedBy(manager.role()).contains(role) && scope != null && manager.covers(scope.path());
    }

    /** Refuses (403) unless the manager may manage a person of this role and scope. */
    static void require(Actor manager, Role role, Region scope) {
        if (!mayManage(manager, role, scope)) {
            throw new AccessDenied("person of role " + role + " in " + (scope == null ? "?" : scope.code()));
        }
    }

    /** Refuses (422) a scope of the wrong level for the role: a grid worker's scope is a grid, and so on. */
    static void requireLevel(Role role, Region scope) {
        RegionLevel level = SCOPE_LEVEL.get(role);
        if (level == null) {
            throw new BadInput("person.role.not-managed", role.name());
        }
        if (scope.level() != level) {
            throw new BadInput("person.scope.wrong-level", role.name(), scope.code());
        }
    }
}
