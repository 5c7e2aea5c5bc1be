package cn.moralbank.points.deed;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * The villages whose deeds a person works with: their own village for everyone who lives or works in one (a villager,
 * a grid worker, the administrator, a committee member), every village of their scope for the offices above. Pages
 * and API clients start here, since a token names a scope path rather than a village.
 */
@Singleton
public class DeedVillages {
    private final Regions regions;

    DeedVillages(Regions regions) {
        this.regions = regions;
    }

    /** The village the actor lives or works in; empty for the county office and township officers. */
    public Optional<Region> home(Actor actor) {
        if (actor.role() == Role.KIOSK || actor.role() == Role.SUPERMARKET_OPERATOR) {
            return Optional.empty();
        }
        Region region = regions.byPath(actor.regionPath());
        return regions.lineage(region).stream().filter(r -> r.level() == RegionLevel.VILLAGE).findFirst();
    }

    /** The actor's own village, or every village within an office's scope, by code. */
    public List<Region> of(Actor actor) {
        return home(actor).map(List::of).orElseGet(() -> actor.role() == Role.KIOSK
                || actor.role() == Role.SUPERMARKET_OPERATOR ? List.of() : regions.within(actor, RegionLevel.VILLAGE));
    }

    /** The county a region lies in: whose rules catalog applies there. */
    public Region countyOf(Region region) {
        return regions.countyOf(region.path());
    }
}
