package cn.moralbank.points.region;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.PlainText;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The region tree: (city >) county > township > village > grid. A path is the chain of codes from the top, so a
 * county on its own has {@code /130826/} and a county of a city {@code /130800/130826/}.
 */
@Singleton
public class Regions {
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z]{2,32}");
    private final RegionRepository regions;
    /** The county of each top-of-path prefix asked for; a path's county never changes (it is in the path). */
    private final ConcurrentHashMap<String, Region> counties = new ConcurrentHashMap<>();

    Regions(RegionRepository regions) {
        this.regions = regions;
    }

    public Region createCounty(String code, String name) {
        requireCode(code);
        return regions.save(new Region(null, null, RegionLevel.COUNTY, code, requireName(name), "/" + code + "/"));
    }

    /** A city (市), the top of a tree whose children are counties and districts. */
    public Region createCity(String code, String name) {
        requireCode(code);
        return regions.save(new Region(null, null, RegionLevel.CITY, code, requireName(name), "/" + code + "/"));
    }

    /**
     * The county a path lies in (the path of a county, or of anything in it): its first code, or its second when
     * the first is a city. A city's own path has no county: 404.
     */
    public Region countyOf(String path) {
        int first = path.indexOf('/', 1);
        if (first < 0) {
            throw new NotFound("region.not-found", path);
        }
        String top = path.substring(0, first + 1);
        Region known = counties.get(top);
        if (known != null) {
            return known;
        }
        Region topRegion = byPath(top);
        if (topRegion.level() == RegionLevel.COUNTY) {
            counties.put(top, topRegion);
            return topRegion;
        }
        int second = path.indexOf('/', first + 1);
        if (second < 0) {
            throw new NotFound("region.not-found", path);
        }
        String countyPath = path.substring(0, second + 1);
        Region county = counties.get(countyPath);
        if (county == null) {
            county = byPath(countyPath);
            counties.put(countyPath, county);
        }
        return county;
    }

    /** The path of the county a path lies in (see {@link #countyOf}). */
    public String countyPathOf(String path) {
        return countyOf(path).path();
    }

    public Region createChild(Region parent, String code, String name) {
        requireCode(code);
        RegionLevel level = parent.level().childLevel();
        if (level == null) {
            throw new BadInput("region.grid-has-no-children", parent.code());
        }
        return regions.save(new Region(null, parent.id(), level, code, requireName(name),
                parent.path() + code + "/"));
    }

    public Region get(long id) {
        return regions.findById(id).orElseThrow(() -> new NotFound("region.not-found", id));
    }

    public Region byCode(String code) {
        return regions.findByCode(code).orElseThrow(() -> new NotFound("region.not-found", code));
    }

    public Region byPath(String path) {
        return regions.findByPath(path).orElseThrow(() -> new NotFound("region.not-found", path));
    }

    /** The region, if the actor's scope covers it; 403 otherwise. */
    public Region visible(Actor actor, long id) {
        Region region = get(id);
        if (!actor.covers(region.path())) {
            throw new AccessDenied("region " + region.code());
        }
        return region;
    }

    /** The top of the tree (the city, else the county), if any region exists yet. */
    public Optional<Region> top() {
        return regions.findByLevelAndPathLikeOrderByCode(RegionLevel.CITY, "%").stream().findFirst()
                .or(() -> regions.findByLevelAndPathLikeOrderByCode(RegionLevel.COUNTY, "%").stream().findFirst());
    }

    /** Every county (of every city, and those on their own), by code. */
    public List<Region> counties() {
        return regions.findByLevelAndPathLikeOrderByCode(RegionLevel.COUNTY, "%");
    }

    public List<Region> children(Region parent) {
        return regions.findByParentIdOrderByCode(parent.id());
    }

    /** Every region of a level within the actor's scope, e.g. the grids a village administrator looks after. */
    public List<Region> within(Actor actor, RegionLevel level) {
        return regions.findByLevelAndPathLikeOrderByCode(level, escapeLike(actor.regionPath()) + "%");
    }

    /** The chain from the county down to this region, for headings such as 丰宁满族自治县 · 胡麻营镇 · 河东村. */
    public List<Region> lineage(Region region) {
        List<Region> chain = new ArrayList<>();
        for (Region r = region; r != null; r = r.parentId() == null ? null : get(r.parentId())) {
            chain.add(0, r);
        }
        return chain;
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void requireCode(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new BadInput("region.code.invalid", code);
        }
    }

    /** A region's name: one line of plain text (PlainText.name), as every name the product shows. */
    private static String requireName(String name) {
        if (name == null || name.isBlank() || name.length() > 100 || !PlainText.name(name.strip())) {
            throw new BadInput("region.name.invalid", name);
        }
        return name.strip();
    }
}
