package cn.moralbank.points.rating;

import cn.moralbank.points.ranking.RegionStanding;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 分色预警: a region's colour by its share of households taking part; the go-live walk's find: a village just set up,
 * with no households yet, was a red warning on every dashboard and report (0 of 0 taking part read as 0%).
 */
class ColourTest {
    private static final RatingSettings.Settings COUNTY = new RatingSettings.Settings(1, null, null, 30, 60);

    private static RegionStanding village(int households, int participants) {
        double participation = households == 0 ? 0 : (double) participants / households;
        return new RegionStanding(1, 7, "130826103207", "新村", "VILLAGE", households, 0, 0, 0, 0, participants,
                participants, 0, participation, participation);
    }

    @Test
    void aRegionIsColouredByItsShareTakingPartAndNotAtAllWithoutHouseholds() {
        assertEquals(Colour.NONE, COUNTY.colourOf(village(0, 0)), "no one to take part: no warning");
        assertEquals(Colour.RED, COUNTY.colourOf(village(40, 0)));
        assertEquals(Colour.YELLOW, COUNTY.colourOf(village(40, 20)));
        assertEquals(Colour.GREEN, COUNTY.colourOf(village(40, 30)));
    }
}
