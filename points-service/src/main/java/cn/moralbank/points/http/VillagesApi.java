package cn.moralbank.points.http;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.deed.DeedVillages;
import cn.moralbank.points.region.Region;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Where a client starts: the villages the signed-in person works with, and the county whose rules apply there. A
 * token names a scope, not a village; the deed, rules and notice endpoints take a village id.
 */
@Controller("/api/villages")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "COMMITTEE_MEMBER", "GRID_WORKER", "VILLAGER"})
class VillagesApi {
    private final DeedVillages villages;

    VillagesApi(DeedVillages villages) {
        this.villages = villages;
    }

    @Get
    List<Village> mine(Authentication auth) {
        return villages.of(ActorClaims.of(auth)).stream()
                .map(v -> Village.of(v, villages.countyOf(v))).toList();
    }

    @Serdeable
    record Village(long id, String code, String name, String path, long countyId) {
        static Village of(Region village, Region county) {
            return new Village(village.id(), village.code(), village.name(), village.path(), county.id());
        }
    }
}
