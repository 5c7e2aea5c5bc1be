package cn.moralbank.points.region;

/** The levels of the region tree: 市 > 县/区 > 乡镇/街道 > 村/社区 > 网格. A county may stand on its own, without a city. */
public enum RegionLevel {
    CITY, COUNTY, TOWNSHIP, VILLAGE, GRID;

    /** The level a child of this level must have, or null for a grid. */
    public RegionLevel childLevel() {
        return this == GRID ? null : values()[ordinal() + 1];
    }
}
