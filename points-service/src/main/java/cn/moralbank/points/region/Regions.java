package cn.moralbank.points.region;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The region tree: county > township > village > grid. */
@Singleton
public class Regions {
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z]{2,32}");
    private final RegionRepository regions;

    Regions(RegionRepository regions) {
        this.regions = regions;
    }

    public Region createCounty(String code, String name) {
        requireCode(code);
        return regions.save(new Region(null, null, RegionLevel.COUNTY, code, requireName(name), "/" + code + "/"));
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

    /** The top of the tree (the county), if any region exists yet. */
    public Optional<Region> top() {
        return regions.findByLevelAndPathLikeOrderByCode(RegionLevel.COUNTY, "%").stream().findFirst();
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

    private static String requireName(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new BadInput("region.name.invalid", name);
        }
        return name.strip();
    }
}
