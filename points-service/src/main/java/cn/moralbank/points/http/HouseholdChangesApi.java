package cn.moralbank.points.http;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdChanges;
import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.ledger.api.EntryResult;
import cn.moralbank.points.ledger.api.HouseholdId;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.Map;

/** The village administrator edits, moves, merges (合户) and splits (分户) the households of their village. */
@Controller("/api/households/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"VILLAGE_ADMIN"})
class HouseholdChangesApi {
    private final HouseholdChanges changes;

    HouseholdChangesApi(HouseholdChanges changes) {
        this.changes = changes;
    }

    @Serdeable
    record GridForm(@NotBlank @Size(max = 32) String gridCode) {
    }

    @Serdeable
    record MergeForm(@NotBlank @Size(max = 40) String into, @NotBlank @Size(max = 200) String reason) {
    }

    @Serdeable
    record SplitForm(@NotNull @Valid NewHousehold household, @Min(0) @Max(100_000) long points,
                     @NotBlank @Size(max = 200) String reason, @NotBlank @Size(max = 100) String requestId) {
    }

    @Put
    HttpResponse<?> edit(Authentication auth, String id, @Body @Valid NewHousehold form) {
        changes.edit(ActorClaims.of(auth), new HouseholdId(id), form);
        return HttpResponse.noContent();
    }

    @Put("/grid")
    HttpResponse<?> move(Authentication auth, String id, @Body @Valid GridForm form) {
        changes.move(ActorClaims.of(auth), new HouseholdId(id), form.gridCode());
        return HttpResponse.noContent();
    }

    /** What a merge moved: the points transferred to the household merged into. */
    @Serdeable
    record Merged(String entryId, long points) {
    }

    @Post("/merge")
    Merged merge(Authentication auth, String id, @Body @Valid MergeForm form) {
        EntryResult moved = changes.merge(ActorClaims.of(auth), new HouseholdId(id), new HouseholdId(form.into()),
                form.reason());
        return new Merged(moved.entryId().value(), moved.points());
    }

    @Post("/split")
    HttpResponse<?> split(Authentication auth, String id, @Body @Valid SplitForm form) {
        Household created = changes.split(ActorClaims.of(auth), new HouseholdId(id), form.household(), form.points(),
                form.reason(), form.requestId());
        return HttpResponse.created(Map.of("id", created.id(), "cardNumber", created.cardNumber()),
                URI.create("/api/households/" + created.id()));
    }
}
