package cn.moralbank.points.household;

/** 在册 / 迁出 / 合户. */
public enum HouseholdStatus {
    ACTIVE, MOVED, MERGED
}
