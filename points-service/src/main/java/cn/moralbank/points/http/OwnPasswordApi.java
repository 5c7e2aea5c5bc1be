package cn.moralbank.points.http;

import cn.moralbank.points.access.ActorClaims;
import io.micronaut.http.HttpRequest;
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
    private final ClientAddress addresses;

    OwnPasswordApi(PeopleAdmin admin, ClientAddress addresses) {
        this.admin = admin;
        this.addresses = addresses;
    }

    @Serdeable
    record PasswordForm(@NotNull String current, @NotNull String chosen) {
    }

    /**
     * Ends every session of the person, this one too: they sign in again with the new password. The current
     * password is throttled as signing in is: held back, 429 with Retry-After (DomainErrors).
     */
    @Put
    HttpResponse<?> change(HttpRequest<?> request, Authentication auth, @Body @Valid PasswordForm form) {
        admin.changeOwnPassword(ActorClaims.of(auth), form.current(), form.chosen(), addresses.of(request));
        return HttpResponse.noContent();
    }
}
