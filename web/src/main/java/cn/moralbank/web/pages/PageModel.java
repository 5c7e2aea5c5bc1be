package cn.moralbank.web.pages;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.web.i18n.Messages;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * What every page needs besides its own model: the CSRF token for its forms, who is signed in, the language, the
 * county's name, and the current address for the language switch to come back to.
 */
@Singleton
public class PageModel implements ViewModelProcessor<Map<String, Object>> {
    private final Messages messages;
    private final String countyName;

    PageModel(Messages messages, @Value("${moralbank.county-name}") String countyName) {
        this.messages = messages;
        this.countyName = countyName;
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> view) {
        view.setModel(with(request, view.getModel().orElse(Map.of())));
    }

    /** The page's own model with what every page needs added. */
    public Map<String, Object> with(HttpRequest<?> request, Map<String, Object> own) {
        Map<String, Object> model = new HashMap<>(own);
        model.put("csrf", request.getAttribute("moralbank.csrf", String.class).orElse(""));
        model.put("lang", messages.locale(request).getLanguage().equals("en") ? "en" : "zh");
        model.put("here", request.getUri().toString());
        model.put("countyName", countyName);
        // a save whose views had not caught up when its answer left (ReadYourWritesFilter)
        model.put("viewsPending", request.getCookies().findCookie("views_pending").isPresent());
        request.getUserPrincipal(Authentication.class).ifPresent(auth -> {
            model.put("userName", ActorClaims.displayName(auth));
            model.put("userRole", ActorClaims.of(auth).role().name());
        });
        return model;
    }
}
