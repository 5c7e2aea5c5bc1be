package cn.moralbank.points.household;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings each county chooses: the objection period (公示期), the base score (基础分), the star threshold under which a
 * household may not redeem and how it recovers, the report schedule and the county's display name. The county
 * office changes them on its settings page, each change in force from a date and kept with who, when, before and
 * after (county_setting_change). A county that never changed one reads the value loaded with it (county_settings,
 * e.g. the demo) or the default.
 */
@Singleton
public class CountySettings {
    private final Repository settings;
    private final SqlRows sql;
    private final Regions regions;
    private final Clock clock;

    CountySettings(Repository settings, SqlRows sql, Regions regions, Clock clock) {
        this.settings = settings;
        this.sql = sql;
        this.regions = regions;
        this.clock = clock;
    }

    public long baseScore(Region anyRegionOfCounty) {
        return current(anyRegionOfCounty, CountySetting.BASE_SCORE).map(Long::parseLong)
                .orElseGet(() -> of(anyRegionOfCounty).map(Setting::baseScore).orElse(0L));
    }

    public int objectionDays(Region anyRegionOfCounty) {
        return current(anyRegionOfCounty, CountySetting.NOTICE_DAYS).map(Integer::parseInt)
                .orElseGet(() -> of(anyRegionOfCounty).map(Setting::objectionDays).orElse(7));
    }

    /** The county's display name in force today, if its office set one. */
    public Optional<String> displayName(Region anyRegionOfCounty) {
        return current(anyRegionOfCounty, CountySetting.DISPLAY_NAME);
    }

    /** The value of a setting in force today, if the county's office ever set it. */
    public Optional<String> current(Region anyRegionOfCounty, CountySetting name) {
        return valueOn(anyRegionOfCounty, name, LocalDate.now(clock));
    }

    /** The value of a setting in force today in the caller's county, if its office set it (none for a city's). */
    public Optional<String> currentFor(Actor actor, CountySetting name) {
        return current(regions.byPath(actor.regionPath()), name);
    }

    /** The value of a setting in force on a day: the latest change effective on or before it. */
    public Optional<String> valueOn(Region anyRegionOfCounty, CountySetting name, LocalDate day) {
        if (anyRegionOfCounty.level() == RegionLevel.CITY) {
            return Optional.empty();
        }
        long county = regions.countyOf(anyRegionOfCounty.path()).id();
        return sql.one("""
                SELECT value_after FROM county_setting_change WHERE county_id = ? AND name = ? AND effective_from <= ?
                ORDER BY effective_from DESC, id DESC LIMIT 1""", rs -> rs.getString(1), county, name.name(), day);
    }

    /** Every setting as it stands today (null where never set and without a loaded value), for the settings page. */
    public Map<CountySetting, String> currentAll(Region county) {
        Map<CountySetting, String> out = new EnumMap<>(CountySetting.class);
        for (CountySetting s : CountySetting.values()) {
            current(county, s).ifPresent(v -> out.put(s, v));
        }
        out.putIfAbsent(CountySetting.NOTICE_DAYS, String.valueOf(objectionDays(county)));
        out.putIfAbsent(CountySetting.BASE_SCORE, String.valueOf(baseScore(county)));
        return out;
    }

    /**
     * The county office changes a setting from a date (today or later: the past stays as it was). Refused (403) to
     * anyone but the office of that county, and (422) for a value out of range or a date in the past.
     */
    public Change change(Actor actor, CountySetting name, String value, LocalDate effectiveFrom) {
        Region county = office(actor);
        String checked = name.check(value);
        LocalDate today = LocalDate.now(clock);
        LocalDate from = effectiveFrom == null ? today : effectiveFrom;
        if (from.isBefore(today)) {
            throw new BadInput("settings.from.past", from);
        }
        String before = valueOn(county, name, from).orElseGet(() -> loaded(county, name));
        Instant now = clock.instant();
        sql.update("""
                INSERT INTO county_setting_change (county_id, name, value_before, value_after, effective_from,
                  changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)""", county.id(), name.name(), before, checked,
                from, actor.userId(), now);
        return new Change(name.name(), before, checked, from, actor.userId(), now);
    }

    /** The audit trail of the county's settings, newest first. */
    public List<Change> history(Actor actor) {
        Region county = office(actor);
        return sql.list("""
                SELECT name, value_before, value_after, effective_from, changed_by, changed_at
                FROM county_setting_change WHERE county_id = ? ORDER BY changed_at DESC, id DESC""",
                rs -> new Change(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getTimestamp(6).toInstant()),
                county.id());
    }

    /** The county whose office the caller is; 403 for anyone else. */
    public Region office(Actor actor) {
        if (actor.role() != Role.COUNTY_OFFICE) {
            throw new AccessDenied("county settings");
        }
        Region county = regions.countyOf(actor.regionPath());
        if (!county.path().equals(actor.regionPath())) {
            throw new AccessDenied("county settings of " + county.code());
        }
        return county;
    }

    private String loaded(Region county, CountySetting name) {
        return switch (name) {
            case NOTICE_DAYS -> String.valueOf(of(county).map(Setting::objectionDays).orElse(7));
            case BASE_SCORE -> String.valueOf(of(county).map(Setting::baseScore).orElse(0L));
            default -> null;
        };
    }

    public Optional<Setting> of(Region anyRegionOfCounty) {
        return settings.findForPath(anyRegionOfCounty.path());
    }

    /** The values a county is loaded with (the demo, a generated county, the setup): no audit, no dates. */
    public void save(Region county, long baseScore, int objectionDays) {
        Setting setting = new Setting(county.id(), baseScore, objectionDays);
        if (settings.existsById(county.id())) {
            settings.update(setting);
        } else {
            settings.save(setting);
        }
    }

    /** One change of a setting: what, before, after, from when, who and when. */
    @Serdeable
    public record Change(String name, String before, String after, LocalDate effectiveFrom, String changedBy,
                         Instant changedAt) {
    }

    @MappedEntity("county_settings")
    public record Setting(@Id Long countyId, long baseScore, int objectionDays) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Repository extends CrudRepository<Setting, Long> {
        @Query("""
                SELECT s.* FROM county_settings s JOIN region r ON r.id = s.county_id
                WHERE :path LIKE r.path || '%'""")
        Optional<Setting> findForPath(String path);
    }
}
