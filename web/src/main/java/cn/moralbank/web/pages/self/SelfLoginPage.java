package cn.moralbank.web.pages.self;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.access.Throttles;
import cn.moralbank.points.http.ClientAddress;
import cn.moralbank.points.people.SignedIn;
import cn.moralbank.points.people.Sessions;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.cookie.TokenCookieLoginHandler;
import io.micronaut.views.View;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A villager signs in on a phone with the household card's number and its PIN, and gets the same signed cookie as
 * everyone who signs in with a password (role VILLAGER, their household): one session machinery, one way to sign
 * out. Villagers have no usernames; the card and PIN they already use at the kiosk are what they remember.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/self/login")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class SelfLoginPage {
    private final CardSignIn cards;
    private final Throttles throttles;
    private final ClientAddress addresses;
    private final TokenCookieLoginHandler cookies;
    private final Sessions sessions;

    SelfLoginPage(CardSignIn cards, Throttles throttles, ClientAddress addresses, TokenCookieLoginHandler cookies,
                  Sessions sessions) {
        this.throttles = throttles;
        this.addresses = addresses;
        this.sessions = sessions;
        this.cards = cards;
        this.cookies = cookies;
    }

    @Get
    @View("self/login")
    Map<String, Object> form(@QueryValue(defaultValue = "") String error) {
        return Map.of("error", error);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> signIn(HttpRequest<?> request, @Body Map<String, String> form) {
        String card = form.getOrDefault("card", "").replaceAll("\\s", "");
        String pin = form.getOrDefault("pin", "").strip();
        // the client address (behind the county's proxy: from X-Forwarded-For) is held back after twenty wrong
        // passwords or PINs; the card itself by the kiosk's guard, which counts wrong PINs here and there as one
        String address = addresses.of(request);
        // the try is claimed (counted as wrong) before the PIN is compared, so parallel tries from one address are
        // compared at most as often as tries one after another; a right PIN, or a card locked (not compared), gives
        // the try back
        Throttles.Try claimed = throttles.claim(Throttles.ADDRESS, address);
        if (!claimed.granted()) {
            return HttpResponse.seeOther(URI.create("/self/login?error=locked"));
        }
        CardSignIn.Result result = cards.verify(card, pin);
        if (result.locked()) {
            throttles.undo(claimed);
            return HttpResponse.seeOther(URI.create("/self/login?error=locked"));
        }
        Optional<SignedIn> signedIn = result.signedIn();
        if (signedIn.isEmpty()) {
            return HttpResponse.seeOther(URI.create("/self/login?error=wrong"));
        }
        throttles.undo(claimed);
        Authentication authentication = ActorClaims.authentication(signedIn.get(),
                sessions.version(signedIn.get().actor().userId())).getAuthentication().orElseThrow();
        MutableHttpResponse<?> response = HttpResponse.seeOther(URI.create("/self"));
        for (Cookie cookie : cookies.getCookies(authentication, request)) {
            response.cookie(cookie);
        }
        return response;
    }
}
