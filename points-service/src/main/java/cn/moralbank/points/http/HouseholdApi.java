package cn.moralbank.points.http;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdStatus;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.ledger.Passbooks;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.projection.AccountBalance;
import io.micronaut.data.model.Page;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.*;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.net.URI;

/** Households of the caller's scope: list, register, read, set the kiosk PIN. */
@Controller("/api/households")
@ExecuteOn(TaskExecutors.BLOCKING)
class HouseholdApi {
    private final Households households;
    private final Passbooks passbooks;

    HouseholdApi(Households households, Passbooks passbooks) {
        this.households = households;
        this.passbooks = passbooks;
    }

    @Get
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "GRID_WORKER", "COMMITTEE_MEMBER"})
    Page<HouseholdView> list(Authentication auth, @QueryValue(defaultValue = "") String q,
                             @QueryValue(defaultValue = "0") @Min(0) int page,
                             @QueryValue(defaultValue = "50") @Min(1) @Max(500) int size) {
        Actor actor = ActorClaims.of(auth);
        return households.search(actor, q, page, size).map(h -> view(actor, h));
    }

    @Get("/{id}")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "GRID_WORKER", "COMMITTEE_MEMBER", "VILLAGER"})
    HouseholdView get(Authentication auth, String id) {
        Actor actor = ActorClaims.of(auth);
        return view(actor, households.visible(actor, new HouseholdId(id)));
    }

    @Get("/by-card/{cardNumber}")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "GRID_WORKER"})
    HouseholdView byCard(Authentication auth, String cardNumber) {
        Actor actor = ActorClaims.of(auth);
        return view(actor, households.byCard(actor, cardNumber));
    }

    @Post
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<HouseholdView> register(Authentication auth, @Body @Valid NewHousehold form) {
        Actor actor = ActorClaims.of(auth);
        // with a requestId, sending it again answers the household it registered (Households.register)
        Household household = households.register(actor, form);
        return HttpResponse.created(view(actor, household), URI.create("/api/households/" + household.id()));
    }

    @Put("/{id}/pin")
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<?> setPin(Authentication auth, String id, @Body @Valid PinForm form) {
        households.setPin(ActorClaims.of(auth), new HouseholdId(id), form.pin());
        return HttpResponse.noContent();
    }

    /** 迁出 / 合户: a household that moved away or merged keeps its history; its status says so. */
    @Put("/{id}/status")
    @Secured({"VILLAGE_ADMIN"})
    HouseholdView setStatus(Authentication auth, String id, @Body @Valid StatusForm form) {
        households.setStatus(ActorClaims.of(auth), new HouseholdId(id), form.status());
        return get(auth, id);
    }

    private HouseholdView view(Actor actor, Household h) {
        return HouseholdView.of(actor, h, passbooks.balance(h.householdId()).map(AccountBalance::balance).orElse(0L));
    }

    @Serdeable
    record StatusForm(@NotNull HouseholdStatus status) {
    }

    @Serdeable
    record PinForm(@NotNull @Pattern(regexp = "[0-9]{4}") String pin) {
    }

}
