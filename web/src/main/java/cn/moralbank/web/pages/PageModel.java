package cn.moralbank.web.pages;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.household.CardMask;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
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
import java.util.concurrent.ConcurrentHashMap;

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
    private final HouseholdNames households;
    private final CountySettings settings;
    /** Names by scope path, each with when it was looked up: a change on the settings page shows within a minute. */
    private final Map<String, Named> names = new ConcurrentHashMap<>();

    PageModel(Messages messages, Regions regions, PeopleNames people, HouseholdNames households,
              CountySettings settings, @Value("${moralbank.county-name:}") String configuredName) {
        this.households = households;
        this.messages = messages;
        this.regions = regions;
        this.people = people;
        this.settings = settings;
        this.configuredName = configuredName == null ? "" : configuredName.strip();
    }

    private record Named(String name, long at) {
    }

    /**
     * The name in the top bar and on printed pages for someone whose scope is this path: the display name the
     * county's office set on its settings page; else MORALBANK_COUNTY_NAME (moralbank.county-name, the demo's
     * default); else the county's own name (a city office sees its city's). Before sign-in, the top region's.
     * Looked up at most once a minute per scope.
     */
    public String countyName(String scopePath) {
        String key = scopePath == null ? "" : scopePath;
        long now = System.nanoTime();
        Named known = names.get(key);
        if (known == null || now - known.at() > 60_000_000_000L) {
            known = new Named(lookUp(scopePath), now);
            names.put(key, known);
        }
        return known.name();
    }

    /** Forgets the names looked up, after a change of the display name on this node. */
    public void forgetNames() {
        names.clear();
    }

    private String lookUp(String scopePath) {
        try {
            if (scopePath != null && scopePath.length() > 1) {
                Region scope = regions.byPath(scopePath);
                if (scope.level() == RegionLevel.CITY) {
                    return scope.name();
                }
                Region county = regions.countyOf(scopePath);
                return settings.displayName(county).orElse(configuredName.isEmpty() ? county.name() : configuredName);
            }
        } catch (NotFound e) {
            // a scope path no longer known (a retired region): fall back to the deployment's name
        }
        if (!configuredName.isEmpty()) {
            return configuredName;
        }
        return regions.top().map(top -> top.level() == RegionLevel.COUNTY
                ? settings.displayName(top).orElse(top.name()) : top.name()).orElse("");
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
        String scope = request.getUserPrincipal(Authentication.class)
                .map(auth -> ActorClaims.of(auth).regionPath()).orElse(null);
        if (!model.containsKey("countyName")) {
            model.put("countyName", countyName(scope)); // read from the database: an outage page brings its own
        }
        model.putIfAbsent("people", people);
        model.putIfAbsent("households", households);
        // public paper and pages show card numbers through this one mask (CardMask)
        model.put("cardMask", CardMask.MASK);
        // and a signed-in person's own pages through the same rule (CardMask.shownTo)
        model.put("cardFor", request.getUserPrincipal(Authentication.class)
                .map(auth -> CardMask.forViewer(ActorClaims.of(auth)))
                .orElse(CardMask.MASK));
        // a save whose views had not caught up when its answer left (ReadYourWritesFilter)
        model.put("viewsPending", request.getCookies().findCookie("views_pending").isPresent());
        request.getUserPrincipal(Authentication.class).ifPresent(auth -> {
            model.put("userName", ActorClaims.displayName(auth));
            model.put("userRole", ActorClaims.of(auth).role().name());
        });
        return model;
    }
}
