package cn.moralbank.points.http;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.people.ManagedPerson;
import cn.moralbank.points.people.PeopleAdmin;
import cn.moralbank.points.people.Person;
import cn.moralbank.points.people.PersonForm;
import cn.moralbank.points.people.TemporaryPassword;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.*;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;

/**
 * People of the caller's reach (人员管理): a county office its township officers and village administrators, a
 * village administrator its committee, grid workers, supermarket operators and kiosks. Refusals outside that
 * reach are 403, whatever the URL says.
 */
@Controller("/api/people")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"CITY_OFFICE", "COUNTY_OFFICE", "VILLAGE_ADMIN"})
class PeopleApi {
    private final PeopleAdmin admin;

    PeopleApi(PeopleAdmin admin) {
        this.admin = admin;
    }

    @Serdeable
    record PersonSummary(String username, String displayName, Role role, boolean active) {
        static PersonSummary of(Person p) {
            return new PersonSummary(p.username(), p.displayName(), p.role(), p.active());
        }
    }

    @Serdeable
    record NameForm(@NotBlank @Size(max = 50) String displayName) {
    }

    @Get
    List<PersonSummary> list(Authentication auth) {
        return admin.manageable(ActorClaims.of(auth)).stream().map(PersonSummary::of).toList();
    }

    @Get("/{username}")
    ManagedPerson get(Authentication auth, String username) {
        return admin.get(ActorClaims.of(auth), username);
    }

    /** Adds a person; the answer carries their temporary password, shown this once. */
    @Post
    HttpResponse<TemporaryPassword> add(Authentication auth, @Body @Valid PersonForm form) {
        TemporaryPassword temporary = admin.add(ActorClaims.of(auth), form);
        return HttpResponse.created(temporary, URI.create("/api/people/" + temporary.username()));
    }

    @Put("/{username}/name")
    HttpResponse<?> rename(Authentication auth, String username, @Body @Valid NameForm form) {
        admin.rename(ActorClaims.of(auth), username, form.displayName());
        return HttpResponse.noContent();
    }

    @Post("/{username}/deactivate")
    HttpResponse<?> deactivate(Authentication auth, String username) {
        admin.setActive(ActorClaims.of(auth), username, false);
        return HttpResponse.noContent();
    }

    @Post("/{username}/reactivate")
    HttpResponse<?> reactivate(Authentication auth, String username) {
        admin.setActive(ActorClaims.of(auth), username, true);
        return HttpResponse.noContent();
    }

    /** Moves a person to another role or scope (the form's username is not used). */
    @Put("/{username}/scope")
    HttpResponse<?> move(Authentication auth, String username, @Body @Valid PersonForm form) {
        admin.move(ActorClaims.of(auth), username, form);
        return HttpResponse.noContent();
    }

    @Post("/{username}/password-reset")
    TemporaryPassword resetPassword(Authentication auth, String username) {
        return admin.resetPassword(ActorClaims.of(auth), username);
    }
}
