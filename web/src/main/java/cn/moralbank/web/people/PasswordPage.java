package cn.moralbank.web.people;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.http.ClientAddress;
import cn.moralbank.points.access.Throttles;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.people.PeopleAdmin;
import cn.moralbank.web.i18n.Messages;
import cn.moralbank.web.security.SignInClaims;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * 修改密码: a signed-in person chooses their own password. After a reset (a temporary password) every page leads here
 * first (PasswordChangeFirst). A wrong current password, a short one or two that differ: the form again with the
 * reason (422), nothing changed. Done: every session of the person ends, and they sign in with the new one.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/password")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class PasswordPage {
    private final PeopleAdmin admin;
    private final Messages messages;
    private final ClientAddress addresses;

    PasswordPage(PeopleAdmin admin, Messages messages, ClientAddress addresses) {
        this.admin = admin;
        this.addresses = addresses;
        this.messages = messages;
    }

    @Get
    ModelAndView<Map<String, Object>> form(Authentication auth) {
        return view(auth, null);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> change(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        String chosen = form.getOrDefault("chosen", "");
        try {
            if (!chosen.equals(form.getOrDefault("confirm", ""))) {
                throw new BadInput("password.confirm.differs");
            }
            admin.changeOwnPassword(ActorClaims.of(auth), form.getOrDefault("current", ""), chosen,
                    addresses.of(request));
        } catch (BadInput e) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                    .body(view(auth, messages.get(request, e.code(), e.arguments())));
        } catch (Throttles.HeldBack e) {
            // too many wrong current passwords from this address or on this account: the form again with the wait
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.seconds()))
                    .body(view(auth, messages.get(request, "login.wait", e.seconds())));
        }
        return HttpResponse.seeOther(URI.create("/login?changed=1"));
    }

    private static ModelAndView<Map<String, Object>> view(Authentication auth, String problem) {
        Map<String, Object> model = new HashMap<>();
        model.put("mustChange", Boolean.TRUE.equals(auth.getAttributes().get(SignInClaims.MUST_CHANGE)));
        model.put("problem", problem);
        return new ModelAndView<>("people/password", model);
    }
}
