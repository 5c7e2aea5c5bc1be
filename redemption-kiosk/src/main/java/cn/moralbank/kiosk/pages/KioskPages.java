package cn.moralbank.kiosk.pages;

import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.checkout.CheckoutResult;
import cn.moralbank.kiosk.checkout.Receipts;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Tills;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.access.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The kiosk's screens for elderly villagers: the start screen (card and PIN, or vouchers), the goods, and the
 * receipt, three steps in all. The start screen carries no household data; the goods are fetched after the PIN,
 * and leaving the receipt reloads the start screen, so nothing of one household stays for the next. Pages are never
 * cached, so the browser's history cannot bring a household's screen back either.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/kiosk")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"KIOSK", "SUPERMARKET_OPERATOR"})
class KioskPages {
    /** How long after a checkout its kiosk may still show the receipt: long enough to print it twice. */
    static final Duration RECEIPT_ON_KIOSK = Receipts.ON_KIOSK;

    private final Tills tills;
    private final Receipts receipts;
    private final Clock clock;

    KioskPages(Tills tills, Receipts receipts, Clock clock) {
        this.tills = tills;
        this.receipts = receipts;
        this.clock = clock;
    }

    @Get
    HttpResponse<?> start(Authentication auth) {
        Supermarket shop = tills.of(ActorClaims.of(auth));
        Map<String, Object> model = new HashMap<>();
        model.put("shop", shop);
        model.put("device", ActorClaims.displayName(auth));
        return noStore(new ModelAndView<>("kiosk/start", model));
    }

    /** Step three: the receipt, on screen and printed (58 mm thermal roll, or A4 with {@code paper=a4}). */
    @Get("/receipts/{id}")
    HttpResponse<?> receipt(Authentication auth, String id, @QueryValue(defaultValue = "roll") String paper) {
        Actor actor = ActorClaims.of(auth);
        // a kiosk reads only the checkout in progress and the one just finished (Receipts.result's rule)
        CheckoutResult receipt = receipts.result(actor, new CheckoutId(id));
        Map<String, Object> model = new HashMap<>();
        model.put("r", receipt);
        model.put("a4", "a4".equals(paper));
        model.put("onKiosk", actor.role() == Role.KIOSK);
        model.put("t", new Times(clock.getZone()));
        return noStore(new ModelAndView<>("kiosk/receipt", model));
    }

    private static HttpResponse<?> noStore(ModelAndView<?> view) {
        return HttpResponse.ok(view).header("Cache-Control", "no-store");
    }
}
