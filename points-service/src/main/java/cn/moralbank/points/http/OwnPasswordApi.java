package cn.moralbank.points.http;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.people.PeopleAdmin;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** A signed-in person changes their own password (the one route open while a temporary password is pending). */
@Controller("/api/me/password")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class OwnPasswordApi {
    private final PeopleAdmin admin;

    OwnPasswordApi(PeopleAdmin admin) {
        this.admin = admin;
    }

    @Serdeable
    record PasswordForm(@NotNull String current, @NotNull String chosen) {
    }

    /** Ends every session of the person, this one too: they sign in again with the new password. */
    @Put
    HttpResponse<?> change(Authentication auth, @Body @Valid PasswordForm form) {
        admin.changeOwnPassword(ActorClaims.of(auth), form.current(), form.chosen());
        return HttpResponse.noContent();
    }
}
