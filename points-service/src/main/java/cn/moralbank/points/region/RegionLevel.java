package cn.moralbank.points.region;

/** The four levels of the region tree: 县 > 乡镇 > 村 > 网格. */
public enum RegionLevel {
    COUNTY, TOWNSHIP, VILLAGE, GRID;

    /** The level a child of this level must have, or null for a grid. */
    public RegionLevel childLevel() {
        return this == GRID ? null : values()[ordinal() + 1];
    }
}
