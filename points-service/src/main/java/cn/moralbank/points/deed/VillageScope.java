package cn.moralbank.points.deed;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdStatus;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Who may do what with a village's deeds, decided on the server from the actor's role and region, whatever the
 * caller asks. "Oversees" is the village's administrator, its committee and the offices above it; "belongs to" is
 * everyone whose own scope lies inside the village (villagers, grid workers) and its administrator and committee.
 */
@Singleton
class VillageScope {
    private static final Set<Role> REPORTERS = Set.of(Role.GRID_WORKER, Role.VILLAGE_ADMIN, Role.VILLAGER);

    private final Regions regions;
    private final Households households;

    VillageScope(Regions regions, Households households) {
        this.regions = regions;
        this.households = households;
    }

    /**
     * The household, if the actor may report for it: a grid worker for the households of their grid, the
     * administrator for the village's, a villager for their own. Moved or merged households get no new deeds.
     */
    Household reportable(Actor actor, HouseholdId id) {
        if (!REPORTERS.contains(actor.role())) {
            throw new AccessDenied("reporting deeds as " + actor.role());
        }
        Household household = households.visible(actor, id);
        if (household.status() != HouseholdStatus.ACTIVE) {
            throw new BadInput("deed.household.inactive", household.cardNumber());
        }
        return household;
    }

    Household visibleHousehold(Actor actor, HouseholdId id) {
        return households.visible(actor, id);
    }

    Region villageOf(Household household) {
        Region grid = regions.get(household.gridId());
        return regions.get(grid.parentId());
    }

    Region village(long villageId) {
        Region village = regions.get(villageId);
        if (village.level() != RegionLevel.VILLAGE) {
            throw new NotFound("deed.village.not-found", villageId);
        }
        return village;
    }

    static boolean oversees(Actor actor, String villagePath) {
        return actor.role() != Role.KIOSK && actor.role() != Role.SUPERMARKET_OPERATOR && actor.role() != Role.VILLAGER
                && actor.role() != Role.GRID_WORKER && actor.covers(villagePath);
    }

    static boolean belongsTo(Actor actor, String villagePath) {
        return actor.role() != Role.KIOSK && actor.role() != Role.SUPERMARKET_OPERATOR
                && actor.regionPath().startsWith(villagePath);
    }

    static void requireOversees(Actor actor, String villagePath) {
        if (!oversees(actor, villagePath)) {
            throw new AccessDenied("deeds of village " + villagePath);
        }
    }

    static void requireRole(Actor actor, String villagePath, Role... roles) {
        if (!Set.of(roles).contains(actor.role()) || !actor.covers(villagePath)) {
            throw new AccessDenied("deeds of village " + villagePath + " as " + actor.role());
        }
    }
}
