package cn.moralbank.web.pages.dashboard;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.ranking.Measure;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.ranking.RegionStanding;
import cn.moralbank.points.ranking.Rankings;
import cn.moralbank.points.rating.Colour;
import cn.moralbank.points.rating.RatingSettings;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The villages of a region that lag (落后村) in the quarter a dashboard's period is judged on, lowest participation
 * first, with every village's colour. The dashboard shows the lowest {@link #SHOWN} of them; the whole list, each
 * with its inspection note form, is a page of its own ({@link LaggingPages}): a county of 300 villages rendered all
 * of them on the dashboard, and their cards and forms were most of the page and of its time (docs/performance.md,
 * session 9, "County dashboard on 100,000 households").
 *
 * @param quarter  colours are judged on a quarter: the chosen one, or the quarter the chosen period ends in
 * @param villages how many villages the region has
 * @param colours  every village's colour, by region id
 */
record LaggingVillages(Period quarter, List<RegionStanding> lagging, int villages, long red,
                       Map<Long, String> colours) {
    static final int SHOWN = 10;

    static LaggingVillages of(Rankings rankings, Actor actor, Region shown, Period chosen,
                              RatingSettings.Settings colours) {
        LocalDate today = rankings.today();
        Period quarter = chosen.kind() == PeriodKind.QUARTER ? chosen : Period.of(PeriodKind.QUARTER,
                chosen.endedBy(today) && chosen.kind() != PeriodKind.ALL ? chosen.end().minusDays(1) : today);
        List<RegionStanding> villages = rankings.within(actor, shown, RegionLevel.VILLAGE, quarter,
                Measure.PARTICIPATION);
        List<RegionStanding> lagging = villages.stream()
                .filter(v -> colours.colourOf(v) == Colour.RED || colours.colourOf(v) == Colour.YELLOW)
                .sorted(Comparator.comparingDouble(RegionStanding::participation)).toList();
        return new LaggingVillages(quarter, lagging, villages.size(),
                villages.stream().filter(v -> colours.colourOf(v) == Colour.RED)
                        .count(),
                villages.stream().collect(Collectors.toMap(RegionStanding::regionId,
                        s -> colours.colourOf(s).name())));
    }

    /** The lowest few, for the dashboard. */
    List<RegionStanding> lowest() {
        return lagging.subList(0, Math.min(SHOWN, lagging.size()));
    }
}
