package cn.moralbank.points.rating;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.ranking.RegionStanding;
import cn.moralbank.points.rating.api.HouseholdCriteria;
import cn.moralbank.points.rating.api.RatingRefusal;
import cn.moralbank.points.rating.api.WorkerCriteria;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The rating criteria and colour thresholds each county sets (the county office writes them; everyone of the county
 * reads them). A county that has set nothing rates by the standard criteria, with red below 30% participation and
 * yellow below 50%.
 */
@Singleton
public class RatingSettings {
    private final SqlRows sql;
    private final Regions regions;
    private final Clock clock;

    RatingSettings(SqlRows sql, Regions regions, Clock clock) {
        this.sql = sql;
        this.regions = regions;
        this.clock = clock;
    }

    /** A county's settings as they stand. */
    @Serdeable
    public record Settings(long countyId, WorkerCriteria workers, HouseholdCriteria households, int redBelowPct,
                           int yellowBelowPct) {

        /** The colour of a region whose share of households taking part (0 to 1) is this. */
        public Colour colourOf(double participation) {
            double percent = participation * 100;
            return percent < redBelowPct ? Colour.RED : percent < yellowBelowPct ? Colour.YELLOW : Colour.GREEN;
        }

        /** A region's colour: by its share of households taking part, none while it has no households. */
        public Colour colourOf(RegionStanding region) {
            return region.households() == 0 ? Colour.NONE : colourOf(region.participation());
        }
    }

    /** The settings of the county a region lies in. */
    public Settings of(Region anyRegionOfCounty) {
        if (anyRegionOfCounty.level() == RegionLevel.CITY) {
            // a city compares its counties by the standard colours; each county keeps its own criteria
            return new Settings(anyRegionOfCounty.id(), WorkerCriteria.standard(), HouseholdCriteria.standard(), 30,
                    50);
        }
        Region county = county(anyRegionOfCounty.path());
        return sql.one("""
                SELECT workers, households, red_below_pct, yellow_below_pct FROM rating_settings WHERE county_id = ?""",
                rs -> new Settings(county.id(), CriteriaJson.workers(rs.getString(1)),
                        CriteriaJson.households(rs.getString(2)), rs.getInt(3), rs.getInt(4)), county.id())
                .orElse(new Settings(county.id(), WorkerCriteria.standard(), HouseholdCriteria.standard(), 30, 50));
    }

    public Settings ofActor(Actor actor) {
        return of(regions.byPath(actor.regionPath()).level() == RegionLevel.CITY
                ? regions.byPath(actor.regionPath()) : county(actor.regionPath()));
    }

    public Settings saveWorkers(Actor actor, WorkerCriteria criteria) {
        Settings now = ofOffice(actor);
        return save(actor, new Settings(now.countyId(), Scoring.check(criteria), now.households(), now.redBelowPct(),
                now.yellowBelowPct()));
    }

    public Settings saveHouseholds(Actor actor, HouseholdCriteria criteria) {
        Settings now = ofOffice(actor);
        return save(actor, new Settings(now.countyId(), now.workers(), Scoring.check(criteria), now.redBelowPct(),
                now.yellowBelowPct()));
    }

    public Settings saveColours(Actor actor, int redBelowPct, int yellowBelowPct) {
        Settings now = ofOffice(actor);
        if (redBelowPct < 0 || yellowBelowPct > 100 || redBelowPct > yellowBelowPct) {
            throw new RatingRefusal("rating.colours.invalid", redBelowPct, yellowBelowPct);
        }
        return save(actor, new Settings(now.countyId(), now.workers(), now.households(), redBelowPct,
                yellowBelowPct));
    }

    /** The county of a path: its first code, or its second under a city. */
    public Region county(String path) {
        return regions.countyOf(path);
    }

    private Settings ofOffice(Actor actor) {
        if (actor.role() != Role.COUNTY_OFFICE) {
            throw new AccessDenied("rating criteria of " + actor.regionPath());
        }
        Region county = county(actor.regionPath());
        if (actor.role() != Role.COUNTY_OFFICE || !actor.regionPath().equals(county.path())) {
            throw new AccessDenied("rating criteria of " + county.code());
        }
        return of(county);
    }

    private Settings save(Actor actor, Settings s) {
        sql.update("""
                INSERT INTO rating_settings (county_id, workers, households, red_below_pct, yellow_below_pct,
                  updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (county_id) DO UPDATE SET workers = excluded.workers, households = excluded.households,
                  red_below_pct = excluded.red_below_pct, yellow_below_pct = excluded.yellow_below_pct,
                  updated_by = excluded.updated_by, updated_at = excluded.updated_at""", s.countyId(),
                CriteriaJson.write(s.workers()), CriteriaJson.write(s.households()), s.redBelowPct(),
                s.yellowBelowPct(), actor.userId(), clock.instant());
        return s;
    }
}
