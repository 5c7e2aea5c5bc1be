package cn.moralbank.points.report;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.ranking.HouseholdStanding;
import cn.moralbank.points.ranking.Measure;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.RegionFigures;
import cn.moralbank.points.ranking.RegionStanding;
import cn.moralbank.points.ranking.Rankings;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.rating.RatingQueries;
import cn.moralbank.points.rating.RatingSettings;
import cn.moralbank.points.rating.RoundView;
import cn.moralbank.points.rating.api.RatingRoundId;
import cn.moralbank.points.rating.api.RoundKind;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports of a county or township for a week, month, quarter or year: generated from the projections on demand by
 * its office, or on schedule (see {@link ReportSchedule}); downloadable as xlsx and printable; kept as a history.
 */
@Singleton
public class Reports {
    private static final int TOP_HOUSEHOLDS = 100;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final SqlRows sql;
    private final Rankings rankings;
    private final RatingSettings settings;
    private final RatingQueries ratings;
    private final Regions regions;
    private final Clock clock;

    Reports(SqlRows sql, Rankings rankings, RatingSettings settings, RatingQueries ratings, Regions regions,
            Clock clock) {
        this.sql = sql;
        this.rankings = rankings;
        this.settings = settings;
        this.ratings = ratings;
        this.regions = regions;
        this.clock = clock;
    }

    /** A report of the caller's own region (county or township) for a period, generated now. */
    public ReportView generate(Actor actor, String periodKey) {
        Region region = office(actor);
        Period period = rankings.period(periodKey);
        ReportData data = build(actor, region, period);
        return save(region, data, false, actor.userId()).orElseThrow();
    }

    /** The reports of the caller's region and the regions within it, newest first. */
    public List<ReportView> history(Actor actor) {
        office(actor);
        return sql.list("""
                SELECT p.id, p.region_id, r.name, p.kind, p.period, p.scheduled, p.generated_by, p.generated_at
                FROM report p JOIN region r ON r.id = p.region_id
                WHERE r.path LIKE ? ORDER BY p.generated_at DESC, p.id DESC LIMIT 200""", rs -> new ReportView(
                rs.getLong(1), rs.getLong(2), rs.getString(3), ReportKind.valueOf(rs.getString(4)), rs.getString(5),
                rs.getBoolean(6), rs.getString(7), rs.getTimestamp(8).toInstant()), actor.regionPath() + "%");
    }

    public ReportData data(Actor actor, long id) {
        return read(actor, id, "data", rs -> fromJson(rs.getString(1)));
    }

    public byte[] xlsx(Actor actor, long id) {
        return read(actor, id, "xlsx", rs -> rs.getBytes(1));
    }

    /** The file name a download is offered under, e.g. 丰宁满族自治县-月报-2026-10.xlsx. */
    public String fileName(Actor actor, long id) {
        ReportData data = data(actor, id);
        return data.regionName() + "-" + kindName(data.kind()) + "-" + data.period() + ".xlsx";
    }

    static String kindName(ReportKind kind) {
        return switch (kind) {
            case WEEKLY -> "周报";
            case MONTHLY -> "月报";
            case QUARTERLY -> "季报";
            case YEARLY -> "年报";
        };
    }

    /** A scheduled report, once per county, kind and period; false when it exists already (another node, a rerun). */
    boolean generateScheduled(Region county, Period period) {
        Actor system = new Actor("system", Role.COUNTY_OFFICE, county.path(), null, null);
        boolean exists = sql.count("""
                SELECT count(*) FROM report WHERE region_id = ? AND kind = ? AND period = ? AND scheduled""",
                county.id(), ReportKind.of(period.kind()).name(), period.key()) > 0;
        return !exists && save(county, build(system, county, period), true, "system").isPresent();
    }

    ReportData build(Actor actor, Region region, Period period) {
        RatingSettings.Settings colours = settings.of(region);
        RegionFigures f = rankings.figures(actor, region, period);
        ReportData.Totals totals = new ReportData.Totals(f.households(), f.participants(), f.participation(),
                f.earned(), f.credited(), f.penalised(), f.redeemed(), f.deeds(), f.deedsByCategory());
        Map<Long, String> names = new HashMap<>();
        List<ReportData.RegionLine> children = rankings.children(actor, region, period, Measure.PER_HOUSEHOLD)
                .stream().map(s -> line(s, region.name(), colours)).toList();
        List<ReportData.RegionLine> villages = rankings.within(actor, region, RegionLevel.VILLAGE, period,
                Measure.PER_HOUSEHOLD).stream().map(s -> line(s, parentName(s.regionId(), names), colours)).toList();
        List<ReportData.HouseholdLine> households = rankings.households(actor, region, period, Measure.EARNED,
                TOP_HOUSEHOLDS, 0).stream().map(h -> household(h, names)).toList();
        Optional<RoundView> round = ratings.latestPublished(actor, RoundKind.GRID_WORKERS);
        List<ReportData.WorkerLine> workers = round.map(r -> ratings.within(actor, new RatingRoundId(r.roundId()),
                region.id()).stream().map(w -> new ReportData.WorkerLine(w.subject(), w.name(),
                gridName(w.gridId(), names), w.score(), w.stars(), w.flagged())).toList()).orElse(List.of());
        return new ReportData(region.code(), region.name(), region.level().name(), ReportKind.of(period.kind()),
                period.key(), period.start(), period.end().minusDays(1), clock.instant(), colours.redBelowPct(),
                colours.yellowBelowPct(), totals, children, villages, households,
                round.map(RoundView::period).orElse(null), workers);
    }

    private static ReportData.RegionLine line(RegionStanding s, String parent, RatingSettings.Settings colours) {
        return new ReportData.RegionLine(s.rank(), parent, s.name(), s.households(), s.participants(),
                s.participation(), s.earned(), s.perHousehold(), s.redeemed(), s.deeds(),
                colours.colourOf(s).name());
    }

    private ReportData.HouseholdLine household(HouseholdStanding h, Map<Long, String> names) {
        String village = sql.one("SELECT v.name FROM region g JOIN region v ON v.id = g.parent_id WHERE g.path = ?",
                rs -> rs.getString(1), h.gridPath()).orElse("");
        return new ReportData.HouseholdLine(h.rank(), h.cardNumber(), h.headName(), village, h.earned(), h.deeds());
    }

    private String parentName(long regionId, Map<Long, String> names) {
        Region region = regions.get(regionId);
        return region.parentId() == null ? "" : names.computeIfAbsent(region.parentId(), id -> regions.get(id).name());
    }

    private String gridName(Long gridId, Map<Long, String> names) {
        if (gridId == null) {
            return "";
        }
        Region grid = regions.get(gridId);
        return parentName(gridId, names) + grid.name();
    }

    private Optional<ReportView> save(Region region, ReportData data, boolean scheduled, String by) {
        byte[] xlsx = ReportWorkbook.write(data);
        return sql.one("""
                INSERT INTO report (region_id, kind, period, scheduled, generated_by, generated_at, data, xlsx)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING RETURNING id""", rs -> rs.getLong(1), region.id(), data.kind().name(),
                data.period(), scheduled, by, data.generatedAt(), toJson(data), xlsx)
                .map(id -> new ReportView(id, region.id(), region.name(), data.kind(), data.period(), scheduled, by,
                        data.generatedAt()));
    }

    /** The caller's own county or township, if they are its office. */
    private Region office(Actor actor) {
        if (actor.role() != Role.CITY_OFFICE && actor.role() != Role.COUNTY_OFFICE
                && actor.role() != Role.TOWNSHIP_OFFICER) {
            throw new AccessDenied("reports");
        }
        return regions.byPath(actor.regionPath());
    }

    private <T> T read(Actor actor, long id, String column, SqlRows.Mapper<T> mapper) {
        office(actor);
        String path = sql.one("SELECT r.path FROM report p JOIN region r ON r.id = p.region_id WHERE p.id = ?",
                rs -> rs.getString(1), id).orElseThrow(() -> new NotFound("report.not-found", id));
        if (!actor.covers(path)) {
            throw new AccessDenied("report " + id);
        }
        return sql.one("SELECT " + column + " FROM report WHERE id = ?", mapper, id).orElseThrow();
    }

    private static String toJson(ReportData data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReportData fromJson(String json) {
        try {
            return JSON.readValue(json, ReportData.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report unreadable", e);
        }
    }
}
