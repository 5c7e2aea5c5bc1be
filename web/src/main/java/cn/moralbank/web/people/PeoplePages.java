package cn.moralbank.web.people;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.WholeNumber;
import cn.moralbank.points.people.ManagedPerson;
import cn.moralbank.points.people.Management;
import cn.moralbank.points.people.PeopleAdmin;
import cn.moralbank.points.people.PersonForm;
import cn.moralbank.points.people.TemporaryPassword;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 人员管理: thin pages over PeopleAdmin for the offices and village administrators — the people they manage, add one
 * (the temporary password shown this once), rename, deactivate and reactivate, move (role and scope), reset a
 * password, and each person's change history. Who may manage whom is PeopleAdmin's (refusals: 403, nothing changed).
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/people")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"CITY_OFFICE", "COUNTY_OFFICE", "VILLAGE_ADMIN"})
class PeoplePages {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final PeopleAdmin admin;

    PeoplePages(PeopleAdmin admin) {
        this.admin = admin;
    }

    @Get
    ModelAndView<Map<String, Object>> list(Authentication auth) {
        Actor actor = ActorClaims.of(auth);
        Map<String, Object> model = new HashMap<>();
        model.put("people", admin.manageable(actor));
        model.put("roles", roles(actor));
        return new ModelAndView<>("people/list", model);
    }

    @Get("/{username}")
    ModelAndView<Map<String, Object>> person(Authentication auth, String username) {
        Actor actor = ActorClaims.of(auth);
        ManagedPerson person = admin.get(actor, username);
        Map<String, Object> model = new HashMap<>();
        model.put("person", person);
        model.put("roles", roles(actor));
        model.put("changes", person.changes().stream().map(c -> Map.of("when", WHEN.format(c.changedAt()),
                "who", c.changedBy(), "action", c.action(), "before", c.beforeState(), "after", c.afterState()))
                .toList());
        return new ModelAndView<>("people/detail", model);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    ModelAndView<Map<String, Object>> add(Authentication auth, @Body Map<String, String> form) {
        return temporary(admin.add(ActorClaims.of(auth), personForm(form, form.getOrDefault("username", "").strip())),
                true);
    }

    @Post(value = "/{username}/name", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> rename(Authentication auth, String username, @Body Map<String, String> form) {
        admin.rename(ActorClaims.of(auth), username, form.getOrDefault("displayName", ""));
        return back(username);
    }

    @Post(value = "/{username}/deactivate", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> deactivate(Authentication auth, String username) {
        admin.setActive(ActorClaims.of(auth), username, false);
        return back(username);
    }

    @Post(value = "/{username}/reactivate", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> reactivate(Authentication auth, String username) {
        admin.setActive(ActorClaims.of(auth), username, true);
        return back(username);
    }

    @Post(value = "/{username}/scope", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> move(Authentication auth, String username, @Body Map<String, String> form) {
        Actor actor = ActorClaims.of(auth);
        ManagedPerson person = admin.get(actor, username);
        Map<String, String> filled = new HashMap<>(form);
        filled.putIfAbsent("displayName", person.displayName());
        admin.move(actor, username, personForm(filled, null));
        return back(username);
    }

    /** The new temporary password on a page of its own (never in a URL), shown this once. */
    @Post(value = "/{username}/password-reset", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    ModelAndView<Map<String, Object>> reset(Authentication auth, String username) {
        return temporary(admin.resetPassword(ActorClaims.of(auth), username), false);
    }

    private static ModelAndView<Map<String, Object>> temporary(TemporaryPassword password, boolean added) {
        return new ModelAndView<>("people/temporary", Map.of("temporary", password, "added", added));
    }

    private static List<String> roles(Actor actor) {
        return Management.managedBy(actor.role()).stream().sorted().map(Role::name).toList();
    }

    private static PersonForm personForm(Map<String, String> form, String username) {
        Role role;
        try {
            role = Role.valueOf(form.getOrDefault("role", ""));
        } catch (IllegalArgumentException e) {
            throw new BadInput("people.role.unknown", form.getOrDefault("role", ""));
        }
        Long supermarket;
        try {
            String text = form.getOrDefault("supermarketId", "").strip();
            supermarket = text.isEmpty() ? null : WholeNumber.parse(text);
        } catch (NumberFormatException e) {
            throw new BadInput("people.supermarket.invalid", form.get("supermarketId"));
        }
        return new PersonForm(username, form.getOrDefault("displayName", ""), role,
                form.getOrDefault("regionCode", "").strip(), supermarket);
    }

    private static HttpResponse<?> back(String username) {
        return HttpResponse.seeOther(URI.create("/people/" + URLEncoder.encode(username, StandardCharsets.UTF_8)));
    }
}
