package cn.moralbank.points.ranking;

import java.util.List;

/**
 * Where a household sits in the region tree: its grid's path and the regions its figures roll up into, grid first,
 * county last, each with its parent and level.
 */
record Place(long gridId, String regionPath, List<Node> chain) {

    record Node(long regionId, Long parentId, String level) {
    }
}
