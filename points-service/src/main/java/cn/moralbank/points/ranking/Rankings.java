package cn.moralbank.points.ranking;

import cn.moralbank.points.common.SaneDate;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.rules.Category;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rankings' public queries, read from the ranking projection (never from the event store), each within the
 * caller's scope: a township officer asking for another township is refused, whatever the URL says.
 *
 * <p>Ranks are fair: equal values share a rank, and the next rank counts everyone ahead (1, 2, 2, 4). A household
 * with no entry in a period stands at zero: below every household that earned, above every household that lost.
 */
@Singleton
public class Rankings {
    /** Roles that read rankings of their region; a villager reads only their own household's rank. */
    private static final Set<Role> READERS = Set.of(Role.CITY_OFFICE, Role.COUNTY_OFFICE,
            Role.TOWNSHIP_OFFICER,
            Role.VILLAGE_ADMIN, Role.COMMITTEE_MEMBER, Role.GRID_WORKER);
    private static final int MAX_LIMIT = 500;
    /** More households than a province has. */
    public static final int MAX_OFFSET = 10_000_000;

    private final SqlRows sql;
    private final Regions regions;
    private final Households households;
    private final Clock clock;

    Rankings(SqlRows sql, Regions regions, Households households, Clock clock) {
        this.sql = sql;
        this.regions = regions;
        this.households = households;
        this.clock = clock;
    }

    /** The villages' today, for "this month" and for refusing periods that have not begun. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** A period the caller named, checked: malformed or not begun yet is refused (422). */
    public Period period(String key) {
        return Period.parse(key).requireBegun(today());
    }

    /** The region, if the caller may read rankings there. */
    public Region region(Actor actor, long regionId) {
        return readable(actor, regions.get(regionId));
    }

    /**
     * The region, if the caller may read rankings there: for a page that has the region already (as {@code Regions}
     * read it: its id and path agree) and asks several questions of it, so that each does not read it again.
     */
    public static Region readable(Actor actor, Region region) {
        if (!READERS.contains(actor.role()) || !actor.covers(region.path())) {
            throw new AccessDenied("rankings of " + region.code());
        }
        return region;
    }

    /** The households of a region (grid, village, township or county) by a measure, best first. */
    public List<HouseholdStanding> households(Actor actor, long regionId, Period period, Measure measure, int limit,
                                              int offset) {
        return households(actor, regions.get(regionId), period, measure, limit, offset);
    }

    /** The same, for a region the caller has already read. */
    public List<HouseholdStanding> households(Actor actor, Region region, Period period, Measure measure, int limit,
                                              int offset) {
        readable(actor, region);
        String column = householdColumn(measure);
        // an offset past every household of a province answers an empty page (and cannot overflow the sum)
        offset = Math.min(Math.max(offset, 0), MAX_OFFSET);
        int wanted = Math.min(Math.max(limit, 1), MAX_LIMIT) + offset;
        // rank() over the best N rows is the rank over all rows: a row's rank depends only on the rows ahead of it
        List<HouseholdStanding> top = sql.list("""
                SELECT r.household_id, h.head_name, h.card_number, r.region_path, r.earned, r.deeds, r.value,
                       rank() OVER (ORDER BY r.value DESC) AS place, h.status = 'ACTIVE'
                FROM (SELECT household_id, region_path, earned, deeds, %1$s AS value FROM ranking_household
                      WHERE period = ? AND region_path >= ? AND region_path < ?
                      ORDER BY %1$s DESC LIMIT ?) r
                JOIN household h ON h.id = r.household_id
                ORDER BY place, h.card_number""".formatted(column),
                rs -> new HouseholdStanding(rs.getInt(8), rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.getInt(6), rs.getLong(7), rs.getBoolean(9)),
                period.key(), region.path(), SqlRows.after(region.path()), wanted);
        List<HouseholdStanding> page = top.subList(Math.min(Math.max(offset, 0), top.size()), top.size());
        if (page.stream().noneMatch(s -> s.value() < 0)) {
            return List.copyOf(page);
        }
        int absent = absentHouseholds(region, period);
        return page.stream().map(s -> s.value() < 0 ? new HouseholdStanding(s.rank() + absent, s.householdId(),
                s.headName(), s.cardNumber(), s.gridPath(), s.earned(), s.deeds(), s.value(), s.onRegister()) : s)
                .toList();
    }

    /** A household's rank among the households of its village (or grid, township, county). */
    public HouseholdRank rankOf(Actor actor, HouseholdId id, RegionLevel within, Period period, Measure measure) {
        Household household = households.visible(actor, id);
        Region region = regions.lineage(regions.get(household.gridId())).stream()
                .filter(r -> r.level() == within).findFirst()
                .orElseThrow(() -> new BadInput("ranking.level.unknown", within));
        String column = householdColumn(measure);
        long value = sql.one("SELECT %s FROM ranking_household WHERE period = ? AND household_id = ?"
                .formatted(column), rs -> rs.getLong(1), period.key(), id.value()).orElse(0L);
        long ahead = sql.count("""
                SELECT count(*) FROM ranking_household
                WHERE period = ? AND region_path >= ? AND region_path < ? AND %s > ?""".formatted(column),
                period.key(), region.path(), SqlRows.after(region.path()), value);
        if (value < 0) {
            ahead += absentHouseholds(region, period);
        }
        int of = Math.max(size(region.id()), (int) ahead + 1);
        return new HouseholdRank(id.value(), region.id(), region.name(), period.key(), measure.name(), value,
                (int) ahead + 1, of);
    }

    /**
     * The children of a region (townships of a county, villages of a township, grids of a village), ranked; a village
     * merged into another (合村并居, retired) is not listed: its households' points, of every period, went with them.
     */
    public List<RegionStanding> children(Actor actor, long parentId, Period period, Measure measure) {
        return children(actor, regions.get(parentId), period, measure);
    }

    /** The same, for a region the caller has already read. */
    public List<RegionStanding> children(Actor actor, Region parent, Period period, Measure measure) {
        readable(actor, parent);
        return ranked(sql.list(REGION_FIGURES + " WHERE r.parent_id = ? AND r.retired_on IS NULL ORDER BY r.code",
                Rankings::standing,
                period.key(), parent.id()), measure);
    }

    /** Every region of a level under a region (e.g. all villages of a county), ranked: the list of who lags. */
    public List<RegionStanding> within(Actor actor, long regionId, RegionLevel level, Period period,
                                       Measure measure) {
        return within(actor, regions.get(regionId), level, period, measure);
    }

    /** The same, for a region the caller has already read. */
    public List<RegionStanding> within(Actor actor, Region region, RegionLevel level, Period period,
                                       Measure measure) {
        readable(actor, region);
        // region codes are letters and digits: the path needs no escaping for LIKE
        return ranked(sql.list(REGION_FIGURES + " WHERE r.level = ? AND r.path LIKE ? AND r.retired_on IS NULL ORDER BY r.code",
                Rankings::standing, period.key(), level.name(), region.path() + "%"), measure);
    }

    /** A region's sums in a period. */
    public RegionFigures figures(Actor actor, long regionId, Period period) {
        return figures(actor, regions.get(regionId), period);
    }

    /** The same, for a region the caller has already read. */
    public RegionFigures figures(Actor actor, Region region, Period period) {
        return series(readable(actor, region), List.of(period)).get(0);
    }

    /** A region's sums in the last {@code count} periods of a kind up to the one holding today, oldest first. */
    public List<RegionFigures> history(Actor actor, long regionId, PeriodKind kind, int count) {
        return history(actor, regions.get(regionId), kind, count);
    }

    /** The same, for a region the caller has already read. */
    public List<RegionFigures> history(Actor actor, Region region, PeriodKind kind, int count) {
        readable(actor, region);
        List<Period> periods = new ArrayList<>();
        Period period = Period.of(kind, today());
        // back to the first period the product's dates reach (2000), and ALL once: never the same period twice
        for (int i = 0; i < Math.min(Math.max(count, 1), 120) && !period.start().isBefore(SaneDate.FIRST)
                && !periods.contains(period); i++) {
            periods.add(0, period);
            period = period.previous();
        }
        return series(region, periods);
    }

    /** Households with an account under the region. */
    public int size(long regionId) {
        return (int) sql.count("SELECT households FROM ranking_region_size WHERE region_id = ?", regionId);
    }

    private List<RegionFigures> series(Region region, List<Period> periods) {
        int households = size(region.id());
        Map<String, RegionFigures> found = sql.list("""
                SELECT period, earned, credited, penalised, redeemed, deeds, participants, deeds_material,
                       deeds_political, deeds_spiritual, deeds_social, deeds_ecological
                FROM ranking_region WHERE region_id = ? AND period = ANY (?)""",
                rs -> new RegionFigures(region.id(), rs.getString(1), households, rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getInt(6), rs.getInt(7), categories(rs, 8)),
                region.id(), periods.stream().map(Period::key).toArray(String[]::new))
                .stream().collect(Collectors.toMap(RegionFigures::period, Function.identity()));
        return periods.stream().map(p -> found.getOrDefault(p.key(), new RegionFigures(region.id(), p.key(),
                households, 0, 0, 0, 0, 0, 0, List.of(0, 0, 0, 0, 0)))).toList();
    }

    private static final String REGION_FIGURES = """
            SELECT r.id, r.code, r.name, r.level, coalesce(s.households, 0), coalesce(x.earned, 0),
                   coalesce(x.credited, 0), coalesce(x.penalised, 0), coalesce(x.redeemed, 0),
                   coalesce(x.deeds, 0), coalesce(x.participants, 0), coalesce(x.deeds_material, 0),
                   coalesce(x.deeds_political, 0), coalesce(x.deeds_spiritual, 0), coalesce(x.deeds_social, 0),
                   coalesce(x.deeds_ecological, 0)
            FROM region r
            LEFT JOIN ranking_region_size s ON s.region_id = r.id
            LEFT JOIN ranking_region x ON x.region_id = r.id AND x.period = ?""";

    /** A row of REGION_FIGURES, with its category counts kept in {@code value} until it is ranked. */
    private static Figures standing(ResultSet rs) throws SQLException {
        return new Figures(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getInt(10), rs.getInt(11),
                categories(rs, 12));
    }

    private static List<Integer> categories(ResultSet rs, int first) throws SQLException {
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < Category.values().length; i++) {
            counts.add(rs.getInt(first + i));
        }
        return counts;
    }

    /** Ranks regions by the measure: equal values share a rank; ties listed by code. */
    static List<RegionStanding> ranked(List<Figures> rows, Measure measure) {
        List<Figures> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingDouble((Figures f) -> f.value(measure)).reversed());
        List<RegionStanding> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Figures f = sorted.get(i);
            int rank = i > 0 && sorted.get(i - 1).value(measure) == f.value(measure) ? out.get(i - 1).rank() : i + 1;
            out.add(new RegionStanding(rank, f.id(), f.code(), f.name(), f.level(), f.households(), f.earned(),
                    f.credited(), f.penalised(), f.redeemed(), f.deeds(), f.participants(), f.perHousehold(),
                    f.participation(), f.value(measure)));
        }
        return out;
    }

    /** The figures of a region before ranking. */
    record Figures(long id, String code, String name, String level, int households, long earned, long credited,
                   long penalised, long redeemed, int deeds, int participants, List<Integer> deedsByCategory) {
        double perHousehold() {
            return households == 0 ? 0 : earned / (double) households;
        }

        double participation() {
            return households == 0 ? 0 : participants / (double) households;
        }

        double value(Measure measure) {
            return switch (measure) {
                case EARNED -> earned;
                case PER_HOUSEHOLD -> perHousehold();
                case PARTICIPATION -> participation();
                case DEEDS -> deeds;
                default -> deedsByCategory.get(measure.category().ordinal());
            };
        }
    }

    /** Households of the region with no row in the period: they stand at zero. */
    private int absentHouseholds(Region region, Period period) {
        long present = sql.count("""
                SELECT count(*) FROM ranking_household WHERE period = ? AND region_path >= ? AND region_path < ?""",
                period.key(), region.path(), SqlRows.after(region.path()));
        return (int) Math.max(0, size(region.id()) - present);
    }

    private static String householdColumn(Measure measure) {
        if (!measure.ofHouseholds()) {
            throw new BadInput("ranking.measure.not-for-households", measure.name());
        }
        return switch (measure) {
            case EARNED -> "earned";
            case DEEDS -> "deeds";
            default -> "pts_" + measure.category().name().toLowerCase(Locale.ROOT);
        };
    }
}
