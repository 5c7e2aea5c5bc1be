package cn.moralbank.web.households;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.household.HouseholdBooks;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.util.Map;
import java.util.Set;

/** 已迁出、已合户: the households of one's scope that left the register, each with its passbook (history stays). */
@Controller("/households/closed")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN"})
public class ClosedHouseholdsPage {
    /** The roles of {@code @Secured} above: the households list links here only for them. */
    public static final Set<String> ROLES = Set.of("COUNTY_OFFICE", "TOWNSHIP_OFFICER",
            "VILLAGE_ADMIN");

    private final HouseholdBooks books;

    ClosedHouseholdsPage(HouseholdBooks books) {
        this.books = books;
    }

    @Get
    ModelAndView<Map<String, Object>> list(Authentication auth) {
        return new ModelAndView<>("households/closed", Map.of("households", books.closed(ActorClaims.of(auth))));
    }
}
