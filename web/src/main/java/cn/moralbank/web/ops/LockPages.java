package cn.moralbank.web.ops;

import cn.moralbank.kiosk.checkout.CardPins;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.access.Throttles;
import cn.moralbank.points.household.CardMask;
import cn.moralbank.points.household.HouseholdRepository;
import cn.moralbank.points.people.People;
import cn.moralbank.points.people.Person;
import cn.moralbank.points.people.PersonRepository;
import cn.moralbank.web.pages.deeds.Times;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.View;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 登录锁定: what the throttles hold back now (accounts waiting after wrong passwords, household cards locked after
 * wrong PINs, client addresses and kiosks paused), what each lock costs, and a Lift button. The county office sees
 * the accounts, kiosks and cards of its own region, and every address (an address is not a region's).
 */
@Controller("/ops/locks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE"})
class LockPages {
    private final Throttles throttles;
    private final CardPins pins;
    private final PersonRepository persons;
    private final People people;
    private final HouseholdRepository households;
    private final Times times;

    LockPages(Throttles throttles, CardPins pins, PersonRepository persons, People people,
              HouseholdRepository households, Times times) {
        this.throttles = throttles;
        this.pins = pins;
        this.persons = persons;
        this.people = people;
        this.households = households;
        this.times = times;
    }

    /** One lock as the page shows it. */
    record Row(String subject, String kind, String key, int failures, Instant until) {
    }

    @Get
    @View("ops/locks")
    @Produces(MediaType.TEXT_HTML)
    Map<String, Object> list(Authentication auth, @Nullable @QueryValue String lifted,
                             @Nullable @QueryValue String missing) {
        Actor actor = ActorClaims.of(auth);
        List<Row> rows = new ArrayList<>();
        for (Throttles.Lock lock : throttles.locks()) {
            if (visible(actor, lock.subject())) {
                rows.add(new Row(lock.subject(), lock.kind(), lock.key(), lock.failures(), lock.until()));
            }
        }
        for (CardPins.Waiting card : pins.waitingCards()) {
            // a card is named by its household on the page and in the form: the number shown as CardMask.shownTo
            households.findByCardNumber(card.card()).filter(h -> actor.covers(h.regionPath())).ifPresent(h ->
                    rows.add(new Row("household:" + h.id(), "card",
                            CardMask.shownTo(actor, card.card()), card.failures(),
                            card.until())));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("locks", rows);
        model.put("times", times);
        model.put("lifted", lifted == null ? "" : lifted);
        model.put("missing", missing == null ? "" : missing);
        return model;
    }

    @Post(value = "/lift", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> lift(Authentication auth, @Body Map<String, String> form) {
        Actor actor = ActorClaims.of(auth);
        String subject = form.getOrDefault("subject", "");
        if (!subject.matches("(account|device|address|household):[A-Za-z0-9_.:-]{1,80}")) {
            return back("missing", subject.length() > 80 ? subject.substring(0, 80) : subject);
        }
        if (!visible(actor, subject)) {
            throw new AccessDenied("lock " + subject);
        }
        boolean done = subject.startsWith("household:")
                ? households.findById(subject.substring("household:".length()))
                        .map(h -> pins.unlock(h.cardNumber())).orElse(false)
                : throttles.lift(subject);
        return back(done ? "lifted" : "missing", subject);
    }

    private static HttpResponse<?> back(String what, String subject) {
        return HttpResponse.seeOther(URI.create("/ops/locks?" + what + "="
                + URLEncoder.encode(subject, StandardCharsets.UTF_8)));
    }

    /** Whether the subject lies in the office's region: its person's or its card's household's. */
    private boolean visible(Actor actor, String subject) {
        int colon = subject.indexOf(':');
        String kind = subject.substring(0, colon);
        String key = subject.substring(colon + 1);
        return switch (kind) {
            case "address" -> true;
            case "household" -> households.findById(key).map(h -> actor.covers(h.regionPath())).orElse(false);
            case "account", "device" -> persons.findByUsername(key)
                    .map(p -> scopeOf(p)).map(actor::covers).orElse(false);
            default -> false;
        };
    }

    private String scopeOf(Person person) {
        return Optional.ofNullable(people.actorOf(person)).map(Actor::regionPath).orElse(null);
    }
}
