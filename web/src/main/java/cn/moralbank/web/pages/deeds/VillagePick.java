package cn.moralbank.web.pages.deeds;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.deed.DeedVillages;
import cn.moralbank.points.region.Region;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * The village a deed page is about. People of a village always see their own; the offices above choose one of the
 * villages of their scope ({@code ?village=id}), and see the list to choose from until they do.
 */
@Singleton
class VillagePick {
    private final DeedVillages villages;

    VillagePick(DeedVillages villages) {
        this.villages = villages;
    }

    Optional<Region> pick(Actor actor, @Nullable Long villageId) {
        List<Region> mine = villages.of(actor);
        if (villageId != null) {
            return Optional.of(mine.stream().filter(v -> v.id() == villageId.longValue()).findFirst()
                    .orElseThrow(() -> new AccessDenied("village " + villageId)));
        }
        return mine.size() == 1 ? Optional.of(mine.get(0)) : Optional.empty();
    }

    /** The village, or an AccessDenied: for posts, where there is no list to fall back to. */
    Region require(Actor actor, @Nullable Long villageId) {
        return pick(actor, villageId).orElseThrow(() -> new AccessDenied("no village chosen"));
    }

    /** The village the actor lives or works in; null for the offices above villages. */
    @Nullable
    Region home(Actor actor) {
        return villages.home(actor).orElse(null);
    }

    List<Region> choices(Actor actor) {
        return villages.of(actor);
    }

    Region countyOf(Region region) {
        return villages.countyOf(region);
    }
}
