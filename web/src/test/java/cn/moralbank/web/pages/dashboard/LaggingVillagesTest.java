package cn.moralbank.web.pages.dashboard;

import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.ranking.RegionStanding;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The dashboard shows the lowest ten villages that lag; the list page has them all. */
class LaggingVillagesTest {

    @Test
    void theDashboardShowsTheLowestTenOfManyAndAllOfFew() {
        List<RegionStanding> many = new ArrayList<>();
        for (int i = 0; i < 42; i++) {
            many.add(new RegionStanding(i + 1, i, "v" + i, "村" + i, "VILLAGE", 100, 0, 0, 0, 0, 0, i, 0, i / 100.0, 0));
        }
        Period quarter = Period.of(PeriodKind.QUARTER, LocalDate.of(2026, 11, 1));
        LaggingVillages county = new LaggingVillages(quarter, many, 300, 12, Map.of());
        assertEquals(LaggingVillages.SHOWN, county.lowest().size());
        assertSame(many.get(0), county.lowest().get(0), "the lowest first, in the order given");
        LaggingVillages township = new LaggingVillages(quarter, many.subList(0, 3), 12, 1, Map.of());
        assertEquals(3, township.lowest().size());
    }
}
