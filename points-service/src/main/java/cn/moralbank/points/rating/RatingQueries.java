package cn.moralbank.points.rating;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.rating.api.RatingRoundId;
import cn.moralbank.points.rating.api.RoundKind;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the rating pages and the API read, from the rating read models, within the caller's scope: offices and
 * administrators see the results of their region, a grid worker their own, a villager their household's stars.
 */
@Singleton
public class RatingQueries {
    private static final Set<Role> OVERSEERS = Set.of(Role.CITY_OFFICE, Role.COUNTY_OFFICE, Role.TOWNSHIP_OFFICER,
            Role.VILLAGE_ADMIN);
    private static final String RESULT_COLUMNS = """
            r.round_id, r.subject, r.kind, r.period, r.name, r.region_path, r.grid_id, r.reports, r.confirmed,
            r.average_delay, r.found_wrong, r.households, r.participants, r.c_confirmed, r.c_participation,
            r.c_timeliness, r.c_accuracy, r.c_township, r.pts_material, r.pts_political, r.pts_spiritual,
            r.pts_social, r.pts_ecological, r.penalised, r.earned, r.qualifying, r.score, r.stars, r.adjusted,
            r.flagged, r.appeal, r.appeal_reason, r.appeal_decision""";

    private final SqlRows sql;
    private final RatingSettings settings;
    private final Households households;
    private final Regions regions;

    RatingQueries(SqlRows sql, RatingSettings settings, Households households, Regions regions) {
        this.sql = sql;
        this.settings = settings;
        this.households = households;
        this.regions = regions;
    }

    /** The rounds of the caller's county, newest period first. */
    public List<RoundView> rounds(Actor actor) {
        requireOverseerOrWorker(actor);
        if (actor.role() == Role.CITY_OFFICE) {
            // the rounds of every county of the city, for its rating overview
            return sql.list("SELECT * FROM rating_round_view WHERE county_path LIKE ? ORDER BY period DESC, kind",
                    RatingQueries::round, actor.regionPath() + "%");
        }
        Region county = settings.county(actor.regionPath());
        return sql.list("SELECT * FROM rating_round_view WHERE county_path = ? ORDER BY period DESC, kind",
                RatingQueries::round, county.path());
    }

    public RoundView round(Actor actor, RatingRoundId id) {
        requireOverseerOrWorker(actor);
        RoundView round = find(id).orElseThrow(() -> new NotFound("rating.round.not-found", id.value()));
        if (!actor.regionPath().startsWith(round.countyPath()) && !actor.covers(round.countyPath())) {
            throw new AccessDenied("rating round " + id.value());
        }
        return round;
    }

    public Optional<RoundView> find(RatingRoundId id) {
        return sql.one("SELECT * FROM rating_round_view WHERE round_id = ?", RatingQueries::round, id.value());
    }

    /** The round's results within the caller's region (a grid worker: their own), best first. */
    public List<ResultView> results(Actor actor, RatingRoundId id) {
        round(actor, id);
        if (actor.role() == Role.GRID_WORKER) {
            return sql.list("SELECT " + RESULT_COLUMNS + " FROM rating_result_view r WHERE r.round_id = ? AND r.subject = ?",
                    RatingQueries::result, id.value(), actor.userId());
        }
        return sql.list("SELECT " + RESULT_COLUMNS + """
                 FROM rating_result_view r WHERE r.round_id = ? AND r.region_path >= ? AND r.region_path < ?
                ORDER BY r.stars DESC, r.score DESC, r.region_path, r.name""", RatingQueries::result, id.value(),
                actor.regionPath(), SqlRows.after(actor.regionPath()));
    }

    /** One result, if the caller may see it. */
    public ResultView result(Actor actor, RatingRoundId id, String subject) {
        round(actor, id);
        ResultView result = sql.one("SELECT " + RESULT_COLUMNS
                        + " FROM rating_result_view r WHERE r.round_id = ? AND r.subject = ?", RatingQueries::result,
                id.value(), subject).orElseThrow(() -> new NotFound("rating.subject.not-found", subject));
        boolean own = actor.role() == Role.GRID_WORKER && actor.userId().equals(subject);
        if (!own && !(OVERSEERS.contains(actor.role()) && actor.covers(result.regionPath()))) {
            throw new AccessDenied("rating result of " + subject);
        }
        return result;
    }

    /** The round's audit trail, oldest first: for the offices. */
    public List<ChangeView> changes(Actor actor, RatingRoundId id) {
        round(actor, id);
        if (actor.role() != Role.COUNTY_OFFICE && actor.role() != Role.TOWNSHIP_OFFICER) {
            throw new AccessDenied("changes of round " + id.value());
        }
        return sql.list("""
                SELECT c.round_id, c.subject, c.change, c.score_before, c.score_after, c.stars_before, c.stars_after,
                       c.reason, c.changed_by, c.changed_at
                FROM rating_change_view c LEFT JOIN rating_result_view r
                  ON r.round_id = c.round_id AND r.subject = c.subject
                WHERE c.round_id = ? AND (c.subject = '' OR r.region_path LIKE ?)
                ORDER BY c.seq""", rs -> new ChangeView(rs.getString(1), rs.getString(2),
                rs.getString(3), integer(rs, 4), integer(rs, 5), integer(rs, 6), integer(rs, 7), rs.getString(8),
                rs.getString(9), rs.getTimestamp(10).toInstant()), id.value(), actor.regionPath() + "%");
    }

    /** A grid worker's published results, newest quarter first ("my stars"). */
    public List<ResultView> ofWorker(Actor actor) {
        if (actor.role() != Role.GRID_WORKER) {
            throw new AccessDenied("grid worker stars");
        }
        return published("r.subject = ? AND r.kind = 'GRID_WORKERS'", actor.userId());
    }

    /** A household's published stars, newest year first: for its villager and those who oversee it. */
    public List<ResultView> ofHousehold(Actor actor, HouseholdId id) {
        Household household = households.visible(actor, id);
        return published("r.subject = ? AND r.kind = 'HOUSEHOLDS'", household.id());
    }

    /**
     * The latest published round of a kind in the caller's county, with its results within a region: the grid
     * workers' stars on a dashboard, the star households of a village's honour roll.
     */
    public Optional<RoundView> latestPublished(Actor actor, RoundKind kind) {
        if (regions.byPath(actor.regionPath()).level() == RegionLevel.CITY) {
            return Optional.empty();
        }
        return latestPublished(actor, kind, regions.byPath(actor.regionPath()));
    }

    /**
     * The latest published round of a kind in the county of a region the caller sees (a city office looking at
     * one of its counties, or further down); none for a city itself, whose counties each rate on their own.
     */
    public Optional<RoundView> latestPublished(Actor actor, RoundKind kind, Region within) {
        if (!actor.covers(within.path())) {
            throw new AccessDenied("rating rounds of " + within.code());
        }
        if (within.level() == RegionLevel.CITY) {
            return Optional.empty();
        }
        Region county = settings.county(within.path());
        return sql.one("""
                SELECT * FROM rating_round_view WHERE county_path = ? AND kind = ? AND status <> 'OPEN'
                ORDER BY period DESC LIMIT 1""", RatingQueries::round, county.path(), kind.name());
    }

    public List<ResultView> within(Actor actor, RatingRoundId id, long regionId) {
        return within(actor, id, regionId, Integer.MAX_VALUE, 0);
    }

    /** A page of the round's results within a region, best first: a county's households come a few hundred at a time. */
    public List<ResultView> within(Actor actor, RatingRoundId id, long regionId, int limit, int offset) {
        Region region = regions.get(regionId);
        if (!OVERSEERS.contains(actor.role()) || !actor.covers(region.path())) {
            throw new AccessDenied("rating results of " + region.code());
        }
        round(actor, id);
        return sql.list("SELECT " + RESULT_COLUMNS + """
                 FROM rating_result_view r WHERE r.round_id = ? AND r.region_path >= ? AND r.region_path < ?
                ORDER BY r.stars DESC, r.score DESC, r.region_path, r.name LIMIT ? OFFSET ?""", RatingQueries::result,
                id.value(), region.path(), SqlRows.after(region.path()), Math.max(1, limit), Math.max(0, offset));
    }

    /** How many results the round has within a region. */
    public long count(RatingRoundId id, long regionId) {
        Region region = regions.get(regionId);
        return sql.count("""
                SELECT count(*) FROM rating_result_view WHERE round_id = ? AND region_path >= ? AND region_path < ?""",
                id.value(), region.path(), SqlRows.after(region.path()));
    }

    private List<ResultView> published(String condition, Object... arguments) {
        return sql.list("SELECT " + RESULT_COLUMNS + """
                 FROM rating_result_view r JOIN rating_round_view o ON o.round_id = r.round_id
                WHERE o.status <> 'OPEN' AND\s""" + condition + " ORDER BY r.period DESC",
                RatingQueries::result, arguments);
    }

    private static void requireOverseerOrWorker(Actor actor) {
        if (!OVERSEERS.contains(actor.role()) && actor.role() != Role.GRID_WORKER) {
            throw new AccessDenied("rating rounds");
        }
    }

    static RoundView round(ResultSet rs) throws SQLException {
        RoundKind kind = RoundKind.valueOf(rs.getString("kind"));
        String criteria = rs.getString("criteria");
        return new RoundView(rs.getString("round_id"), kind, rs.getString("county_path"), rs.getString("period"),
                rs.getString("status"), rs.getInt("subjects"), rs.getString("opened_by"), instant(rs, "opened_at"),
                rs.getString("published_by"), instant(rs, "published_at"), instant(rs, "appeal_ends"),
                instant(rs, "closed_at"), kind == RoundKind.GRID_WORKERS ? CriteriaJson.workers(criteria) : null,
                kind == RoundKind.HOUSEHOLDS ? CriteriaJson.households(criteria) : null);
    }

    static ResultView result(ResultSet rs) throws SQLException {
        long grid = rs.getLong(7);
        Long gridId = rs.wasNull() ? null : grid;
        return new ResultView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), gridId, rs.getInt(8), rs.getInt(9), rs.getDouble(10), rs.getInt(11), rs.getInt(12),
                rs.getInt(13), integer(rs, 14), integer(rs, 15), integer(rs, 16), integer(rs, 17), integer(rs, 18),
                List.of(rs.getLong(19), rs.getLong(20), rs.getLong(21), rs.getLong(22), rs.getLong(23)),
                rs.getLong(24), rs.getLong(25), rs.getInt(26), rs.getInt(27), rs.getInt(28), rs.getBoolean(29),
                rs.getBoolean(30), rs.getString(31), rs.getString(32), rs.getString(33));
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
