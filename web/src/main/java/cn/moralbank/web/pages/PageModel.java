package cn.moralbank.web.pages;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
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
    private final String configuredName;
    private final Regions regions;
    private final PeopleNames people;
    private volatile String topName;
    private volatile long topNameAt;

    PageModel(Messages messages, Regions regions, PeopleNames people, @Value("${moralbank.county-name:}") String configuredName) {
        this.messages = messages;
        this.regions = regions;
        this.people = people;
        this.configuredName = configuredName == null ? "" : configuredName.strip();
    }

    /**
     * The name in the top bar and on printed pages: MORALBANK_COUNTY_NAME if set, otherwise the name of the top
     * region (the county) of this database, otherwise nothing. Looked up at most once a minute.
     */
    String countyName() {
        if (!configuredName.isEmpty()) {
            return configuredName;
        }
        long now = System.nanoTime();
        if (topName == null || now - topNameAt > 60_000_000_000L) {
            topName = regions.top().map(Region::name).orElse("");
            topNameAt = now;
        }
        return topName;
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> view) {
        view.setModel(with(request, view.getModel().orElse(Map.of())));
    }

    /** The page's own model with what every page needs added. */
    public Map<String, Object> with(HttpRequest<?> request, Map<String, Object> own) {
        Map<String, Object> model = new HashMap<>(own);
        model.put("csrf", request.getAttribute("moralbank.csrf", String.class).orElse(""));
        boolean english = messages.locale(request).getLanguage().equals("en");
        model.put("lang", english ? "en" : "zh");
        model.putIfAbsent("passbookText", new PassbookTexts(english));
        model.put("here", request.getUri().toString());
        model.put("countyName", countyName());
        model.putIfAbsent("people", people);
        // public paper and pages show card numbers through this one mask (CardMask)
        model.put("cardMask", cn.moralbank.points.household.CardMask.MASK);
        // a save whose views had not caught up when its answer left (ReadYourWritesFilter)
        model.put("viewsPending", request.getCookies().findCookie("views_pending").isPresent());
        request.getUserPrincipal(Authentication.class).ifPresent(auth -> {
            model.put("userName", ActorClaims.displayName(auth));
            model.put("userRole", ActorClaims.of(auth).role().name());
        });
        return model;
    }
}
