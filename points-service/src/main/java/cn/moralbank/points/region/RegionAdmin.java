package cn.moralbank.points.region;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.common.SqlRows;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The offices keep their region tree on pages: add a region below one they cover (with its division code), rename
 * it, retire it (its rows and history stay; it takes no new work), and merge one village into another (合村并居). A
 * city office adds counties to its city; a county office keeps its townships, villages and grids. Anyone else, or a
 * region outside the caller's scope, is refused (403).
 */
@Singleton
public class RegionAdmin {
    private final Regions regions;
    private final RegionRepository repository;
    private final SqlRows sql;
    private final List<VillagesMerged> followers;
    private final Clock clock;

    RegionAdmin(Regions regions, RegionRepository repository, SqlRows sql, List<VillagesMerged> followers,
                Clock clock) {
        this.regions = regions;
        this.repository = repository;
        this.sql = sql;
        this.followers = followers;
        this.clock = clock;
    }

    /** One village merged into another, on a date, by whom. */
    @Serdeable
    public record Merge(long fromVillage, String fromName, long intoVillage, String intoName, LocalDate mergedOn,
                        String mergedBy, int households, int grids) {
    }

    @Transactional
    public Region add(Actor actor, long parentId, String code, String name) {
        Region parent = managed(actor, parentId);
        RegionLevel level = parent.level().childLevel();
        if (level == null) {
            throw new BadInput("region.grid-has-no-children", parent.code());
        }
        if (level == RegionLevel.COUNTY && actor.role() != Role.CITY_OFFICE) {
            throw new AccessDenied("counties of " + parent.code());
        }
        hold(parent);
        requireActive(parent);
        DivisionCodes.check(level, code, parent);
        if (repository.findByCode(code.strip()).isPresent()) {
            throw new BadInput("regions.import.exists", code.strip());
        }
        return regions.createChild(parent, code.strip(), name);
    }

    @Transactional
    public Region rename(Actor actor, long id, String name) {
        Region region = managed(actor, id);
        if (name == null || name.isBlank() || name.length() > 100
                || !PlainText.name(name.strip())) {
            throw new BadInput("region.name.invalid", String.valueOf(name));
        }
        return repository.update(new Region(region.id(), region.parentId(), region.level(), region.code(),
                name.strip(), region.path()));
    }

    /** Retires a region and everything under it; refused while households are still registered there. */
    @Transactional
    public void retire(Actor actor, long id) {
        Region region = managed(actor, id);
        if (actor.regionPath().equals(region.path())) {
            throw new AccessDenied("retiring your own region " + region.code());
        }
        hold(region);
        long households = count("SELECT count(*) FROM household WHERE region_path LIKE ? AND status = 'ACTIVE'",
                region.path() + "%");
        if (households > 0) {
            throw new BadInput("regions.retire.has-households", region.name(), households);
        }
        sql.update("UPDATE region SET retired_on = ? WHERE path LIKE ? AND retired_on IS NULL", LocalDate.now(clock),
                region.path() + "%");
    }

    /** Whether a region was retired (or merged away). */
    public boolean retired(Region region) {
        return count("SELECT count(*) FROM region WHERE id = ? AND retired_on IS NOT NULL", region.id()) > 0;
    }

    /**
     * 合村并居: the village's grids move under the other village (renumbered after its own), its households with
     * them (their accounts and history follow: nothing of the ledger changes), its supermarket too; the village is
     * retired with the merge and its date recorded. The households' rankings, of every period, go with them to the
     * village they joined (as a replay would count them), and the retired village is no longer ranked.
     */
    @Transactional
    public Merge merge(Actor actor, long fromId, long intoId, LocalDate mergedOn) {
        Region from = managed(actor, fromId);
        Region into = managed(actor, intoId);
        if (from.id().equals(into.id())) {
            throw new BadInput("region.merge.same");
        }
        if (from.level() != RegionLevel.VILLAGE || into.level() != RegionLevel.VILLAGE
                || !regions.countyOf(from.path()).id().equals(regions.countyOf(into.path()).id())) {
            throw new BadInput("region.merge.not-villages", from.name(), into.name());
        }
        // both villages held until the merge commits, in the order of their ids: two merges of one village, or of
        // two villages into each other, sent at once, run one after the other, and the second finds one retired
        hold(from, into);
        requireActive(from);
        requireActive(into);
        LocalDate on = mergedOn == null ? LocalDate.now(clock) : mergedOn;
        int next = nextGridNumber(into);
        int households = 0;
        List<Region> grids = regions.children(from);
        for (Region grid : grids) {
            String code = DivisionCodes.gridCode(into, next++);
            Region moved = repository.update(new Region(grid.id(), into.id(), RegionLevel.GRID, code, grid.name(),
                    into.path() + code + "/"));
            households += sql.update("UPDATE household SET region_path = ? WHERE grid_id = ?", moved.path(), grid.id());
        }
        for (VillagesMerged follower : followers) {
            follower.merged(actor, from, into);
        }
        if (sql.update("UPDATE region SET retired_on = ?, merged_into = ? WHERE id = ? AND retired_on IS NULL", on,
                into.id(), from.id()) != 1) {
            throw new BadInput("region.retired", from.name());
        }
        sql.update("""
                INSERT INTO region_merge (from_village, into_village, merged_on, merged_by, households, grids)
                VALUES (?, ?, ?, ?, ?, ?)""", from.id(), into.id(), on, actor.userId(), households, grids.size());
        return new Merge(from.id(), from.name(), into.id(), into.name(), on, actor.userId(), households,
                grids.size());
    }

    /** The merges within the caller's scope, newest first. */
    public List<Merge> merges(Actor actor) {
        return sql.list("""
                SELECT m.from_village, f.name, m.into_village, i.name, m.merged_on, m.merged_by, m.households, m.grids
                FROM region_merge m JOIN region f ON f.id = m.from_village JOIN region i ON i.id = m.into_village
                WHERE i.path LIKE ? ORDER BY m.merged_on DESC, m.id DESC""", rs -> new Merge(rs.getLong(1),
                rs.getString(2), rs.getLong(3), rs.getString(4), rs.getDate(5).toLocalDate(), rs.getString(6),
                rs.getInt(7), rs.getInt(8)), actor.regionPath() + "%");
    }

    private int nextGridNumber(Region village) {
        int highest = 0;
        for (Region grid : regions.children(village)) {
            String suffix = grid.code().startsWith(village.code()) ? grid.code().substring(village.code().length()) : "";
            if (suffix.matches("[0-9]{1,3}")) {
                highest = Math.max(highest, Integer.parseInt(suffix));
            }
        }
        return highest + 1;
    }

    /** The region, if the caller is a city or county office whose scope covers it; 403 otherwise. */
    private Region managed(Actor actor, long id) {
        if (actor.role() != Role.CITY_OFFICE && actor.role() != Role.COUNTY_OFFICE) {
            throw new AccessDenied("regions");
        }
        return regions.visible(actor, id);
    }

    /** Holds the regions' rows until the transaction ends, in the order of their ids (no two wait in a circle). */
    private void hold(Region... held) {
        List<Long> ids = Arrays.stream(held).map(Region::id).sorted().toList();
        for (Long id : ids) {
            sql.list("SELECT id FROM region WHERE id = ? FOR UPDATE", rs -> rs.getLong(1), id);
        }
    }

    private void requireActive(Region region) {
        if (retired(region)) {
            throw new BadInput("region.retired", region.name());
        }
    }

    private long count(String query, Object argument) {
        return sql.count(query, argument);
    }
}
