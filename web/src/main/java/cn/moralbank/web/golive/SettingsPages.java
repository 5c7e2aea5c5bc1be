package cn.moralbank.web.golive;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.SaneDate;
import cn.moralbank.points.household.CountySetting;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.region.Region;
import cn.moralbank.web.i18n.Messages;
import cn.moralbank.web.pages.PageModel;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 县设置: the county office's settings page (objection period, base score, star threshold and recovery, report
 * schedule, display name), each change from a date, with the audit trail below. A bad value answers 422 with the
 * message (the error page), and changes nothing.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/settings")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("COUNTY_OFFICE")
class SettingsPages {
    private final CountySettings settings;
    private final Messages messages;
    private final PageModel pages;

    private final Clock clock;

    SettingsPages(CountySettings settings, Messages messages, PageModel pages, Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.messages = messages;
        this.pages = pages;
    }

    @Get
    ModelAndView<Map<String, Object>> page(HttpRequest<?> request, Authentication auth,
                                           @Nullable @QueryValue String saved) {
        Actor actor = ActorClaims.of(auth);
        Region county = settings.office(actor);
        Map<String, Object> model = new HashMap<>();
        model.put("county", county);
        model.put("names", List.of(CountySetting.values()));
        Map<String, String> current = new HashMap<>();
        settings.currentAll(county).forEach((k, v) -> current.put(k.name(), v));
        model.put("current", current);
        model.put("shown", inForce(request, county, current));
        model.put("today", LocalDate.now(clock));
        DateTimeFormatter when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(clock.getZone());
        model.put("history", settings.history(actor).stream().map(c -> Map.of("when", when.format(c.changedAt()),
                "who", c.changedBy(), "name", c.name(), "before", c.before() == null ? "—" : c.before(),
                "after", c.after(), "from", c.effectiveFrom().toString())).toList());
        model.put("saved", saved);
        return new ModelAndView<>("golive/settings", model);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> change(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        Actor actor = ActorClaims.of(auth);
        CountySetting name;
        try {
            name = CountySetting.valueOf(form.getOrDefault("name", ""));
        } catch (IllegalArgumentException e) {
            throw new BadInput("settings.name.unknown", form.getOrDefault("name", ""));
        }
        LocalDate from;
        try {
            String text = form.getOrDefault("from", "").strip();
            from = text.isEmpty() ? null : SaneDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadInput("settings.from.invalid", form.getOrDefault("from", ""));
        }
        String value = name == CountySetting.REPORT_SCHEDULE ? schedule(form) : form.getOrDefault("value", "");
        CountySettings.Change change = settings.change(actor, name, value, from);
        if (name == CountySetting.DISPLAY_NAME) {
            pages.forgetNames();
        }
        String text = messages.get(request, "settings.saved", messages.get(request, "settings." + name.name()),
                change.effectiveFrom().toString(), change.after());
        return HttpResponse.seeOther(URI.create("/settings?saved=" + URLEncoder.encode(text, StandardCharsets.UTF_8)));
    }

    /**
     * What each setting is today as the county lives it: a value its office set, or what applies while it never did
     * (the county's own name, every report, each star round's criteria), never a bare "not set".
     */
    private Map<String, String> inForce(HttpRequest<?> request, Region county, Map<String, String> current) {
        Map<String, String> shown = new HashMap<>(current);
        shown.putIfAbsent(CountySetting.DISPLAY_NAME.name(), county.name());
        shown.putIfAbsent(CountySetting.BLOCK_BELOW_STARS.name(), messages.get(request, "settings.byRound"));
        shown.putIfAbsent(CountySetting.RECOVERY_POINTS.name(), messages.get(request, "settings.byRound"));
        String schedule = current.getOrDefault(CountySetting.REPORT_SCHEDULE.name(),
                String.join(",", CountySetting.REPORTS));
        shown.put(CountySetting.REPORT_SCHEDULE.name(), schedule.isEmpty()
                ? messages.get(request, "settings.report.none")
                : String.join(messages.get(request, "settings.report.joiner"), List.of(schedule.split(",")).stream()
                        .map(k -> messages.get(request, "settings.report." + k)).toList()));
        return shown;
    }

    /** The report kinds ticked on the form (none ticked: no report is made on its own). */
    private static String schedule(Map<String, String> form) {
        StringBuilder out = new StringBuilder();
        for (String kind : CountySetting.REPORTS) {
            if (form.containsKey("report." + kind)) {
                out.append(out.isEmpty() ? "" : ",").append(kind);
            }
        }
        return out.toString();
    }
}
