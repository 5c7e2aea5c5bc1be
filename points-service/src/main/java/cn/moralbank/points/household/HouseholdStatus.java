package cn.moralbank.points.household;

import org.jmolecules.architecture.onion.simplified.DomainRing;

/** 在册 / 迁出 / 合户. */
@DomainRing
public enum HouseholdStatus {
    ACTIVE, MOVED, MERGED
}
