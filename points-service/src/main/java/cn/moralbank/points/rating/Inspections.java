package cn.moralbank.points.rating;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * 督导: the notes the county office and township officers record when they inspect a village that lags (a red or
 * yellow village on the dashboard): what they found and agreed, kept with the period it was about.
 */
@Singleton
public class Inspections {
    private static final int MAX_NOTE = 1000;
    private final SqlRows sql;
    private final Regions regions;
    private final Clock clock;

    Inspections(SqlRows sql, Regions regions, Clock clock) {
        this.sql = sql;
        this.regions = regions;
        this.clock = clock;
    }

    @Serdeable
    public record Note(long id, long villageId, String villageName, String period, String note, String writtenBy,
                       Instant writtenAt) {
    }

    public Note record(Actor actor, long villageId, Period period, String note) {
        Region village = village(actor, villageId);
        if (note == null || note.isBlank()) {
            throw new BadInput("inspection.note.missing");
        }
        if (note.strip().length() > MAX_NOTE) {
            throw new BadInput("inspection.note.too-long", MAX_NOTE);
        }
        Instant now = clock.instant();
        long id = sql.one("""
                INSERT INTO inspection_note (village_id, period, note, written_by, written_at)
                VALUES (?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1), village.id(), period.key(),
                note.strip(), actor.userId(), now).orElseThrow();
        return new Note(id, village.id(), village.name(), period.key(), note.strip(), actor.userId(), now);
    }

    /** The latest notes on villages within a region (read from {@code Regions}) the caller oversees, newest first. */
    public List<Note> recent(Actor actor, Region region, int limit) {
        if (actor.role() != Role.CITY_OFFICE || !actor.covers(region.path())) {
            // a city office reads the notes of its counties' villages; only county and township offices write them
            requireOffice(actor, region);
        }
        return sql.list("""
                SELECT n.id, n.village_id, r.name, n.period, n.note, n.written_by, n.written_at
                FROM inspection_note n JOIN region r ON r.id = n.village_id
                WHERE r.path LIKE ? ORDER BY n.written_at DESC, n.id DESC LIMIT ?""", rs -> new Note(rs.getLong(1),
                rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getTimestamp(7).toInstant()), region.path() + "%", Math.min(Math.max(limit, 1), 200));
    }

    private Region village(Actor actor, long villageId) {
        Region village = regions.get(villageId);
        // in scope first: the refusal below names the region
        requireOffice(actor, village);
        if (village.level() != RegionLevel.VILLAGE) {
            throw new BadInput("inspection.not-a-village", village.name());
        }
        return village;
    }

    private static void requireOffice(Actor actor, Region region) {
        boolean office = actor.role() == Role.COUNTY_OFFICE || actor.role() == Role.TOWNSHIP_OFFICER;
        if (!office || !actor.covers(region.path())) {
            throw new AccessDenied("inspections of " + region.code());
        }
    }
}
