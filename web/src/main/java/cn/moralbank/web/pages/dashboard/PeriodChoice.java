package cn.moralbank.web.pages.dashboard;

import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.ranking.Rankings;
import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * The period a page shows: the one asked for (checked: malformed or future periods are refused) or a default, and
 * the periods offered as one-click choices: this month, last month, this quarter, last quarter, this year, all time.
 */
public final class PeriodChoice {
    private PeriodChoice() {
    }

    /** One of the offered periods: its message code, its key, whether it is the one shown. */
    public record Link(String label, String key, boolean active) {
    }

    public static Period chosen(Rankings rankings, @Nullable String key, PeriodKind defaultKind) {
        return key == null || key.isBlank() ? Period.of(defaultKind, rankings.today()) : rankings.period(key);
    }

    public static List<Link> links(LocalDate today, Period shown) {
        Period month = Period.of(PeriodKind.MONTH, today);
        Period quarter = Period.of(PeriodKind.QUARTER, today);
        Period year = Period.of(PeriodKind.YEAR, today);
        return List.of(link("period.this-month", month, shown), link("period.last-month", month.previous(), shown),
                link("period.this-quarter", quarter, shown), link("period.last-quarter", quarter.previous(), shown),
                link("period.this-year", year, shown), link("period.all", Period.ALL, shown));
    }

    private static Link link(String label, Period period, Period shown) {
        return new Link(label, period.key(), period.equals(shown));
    }
}
