package cn.moralbank.web.pages.dashboard;

import io.micronaut.http.HttpRequest;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds {@code times} to every page, so the pages print a moment as the villages read a clock
 * ({@code ${times.format(t, 'yyyy-MM-dd HH:mm')}}) whatever zone the server runs in.
 */
@Singleton
class ZoneModel implements ViewModelProcessor<Map<String, Object>> {
    private final VillageTime times;

    ZoneModel(Clock clock) {
        this.times = new VillageTime(clock.getZone());
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> view) {
        Map<String, Object> model = new HashMap<>(view.getModel().orElse(Map.of()));
        model.putIfAbsent("times", times);
        view.setModel(model);
    }

    /**
     * Formats moments in the villages' zone, and days as they are. The pages' one way to print a time: Thymeleaf's
     * own {@code #temporals} prints a moment in the server's zone (UTC on most servers), so a passbook printed before
     * 8 in the morning in the villages was dated the day before (TemplatesTest keeps it out of the templates).
     */
    public record VillageTime(ZoneId zone) {
        public String format(Instant at, String pattern) {
            return at == null ? "" : DateTimeFormatter.ofPattern(pattern).withZone(zone).format(at);
        }

        public String day(LocalDate day, String pattern) {
            return day == null ? "" : DateTimeFormatter.ofPattern(pattern).format(day);
        }
    }
}
