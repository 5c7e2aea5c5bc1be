package cn.moralbank.web.pages.dashboard;

import cn.moralbank.points.ranking.RegionFigures;
import cn.moralbank.points.ranking.RegionStanding;
import cn.moralbank.points.rating.RatingSettings;
import cn.moralbank.points.rules.Category;
import cn.moralbank.web.i18n.Messages;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of the dashboard's charts as JSON, for data-chart attributes: the content security policy allows no
 * inline script, so /static/js/dashboard.js reads these and draws them with ECharts. Labels arrive already in the
 * reader's language.
 */
@Singleton
public class Charts {
    static final String GREEN = "#2e7d32";
    static final String YELLOW = "#f9a825";
    static final String RED = "#c62828";
    static final String NONE = "#9e9e9e";

    private final JsonMapper json;
    private final Messages messages;

    Charts(JsonMapper json, Messages messages) {
        this.json = json;
        this.messages = messages;
    }

    /** Points issued, taken and redeemed per month. */
    public String months(HttpRequest<?> request, List<RegionFigures> history) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", history.stream().map(RegionFigures::period).toList());
        chart.put("series", List.of(
                series(messages.get(request, "dashboard.chart.credited"), "bar", GREEN,
                        history.stream().map(RegionFigures::credited).toList()),
                series(messages.get(request, "dashboard.chart.redeemed"), "bar", "#1565c0",
                        history.stream().map(RegionFigures::redeemed).toList()),
                series(messages.get(request, "dashboard.chart.penalised"), "line", RED,
                        history.stream().map(RegionFigures::penalised).toList()),
                series(messages.get(request, "dashboard.chart.participation"), "line", YELLOW,
                        history.stream().map(f -> percent(f.participation())).toList())));
        chart.put("percentSeries", 3);
        return write(chart);
    }

    /** Good deeds by civilisation in the period. */
    public String categories(HttpRequest<?> request, RegionFigures figures) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (Category c : Category.values()) {
            data.add(Map.of("name", messages.get(request, "ratings.category." + c.name()),
                    "value", figures.deedsByCategory().get(c.ordinal())));
        }
        boolean none = figures.deedsByCategory().stream().allMatch(n -> n == 0);
        return write(none ? Map.of("data", data, "empty", messages.get(request, "dashboard.chart.no-deeds"))
                : Map.of("data", data));
    }

    /** Participation of each child region, in its warning colour. */
    public String participation(HttpRequest<?> request, List<RegionStanding> children,
                                RatingSettings.Settings settings) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("name", messages.get(request, "dashboard.chart.participation"));
        chart.put("labels", children.stream().map(RegionStanding::name).toList());
        chart.put("values", children.stream().map(s -> percent(s.participation())).toList());
        chart.put("colours", children.stream().map(s -> colour(settings.colourOf(s).name())).toList());
        chart.put("red", settings.redBelowPct());
        chart.put("yellow", settings.yellowBelowPct());
        return write(chart);
    }

    static String colour(String name) {
        return switch (name) {
            case "RED" -> RED;
            case "YELLOW" -> YELLOW;
            case "NONE" -> NONE;
            default -> GREEN;
        };
    }

    private static Map<String, Object> series(String name, String type, String colour, List<?> data) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("type", type);
        s.put("colour", colour);
        s.put("data", data);
        return s;
    }

    static double percent(double share) {
        return Math.round(share * 1000) / 10.0;
    }

    private String write(Object chart) {
        try {
            return json.writeValueAsString(chart);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
