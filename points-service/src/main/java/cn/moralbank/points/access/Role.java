package cn.moralbank.points.access;

/** The people of the moral bank (see docs/architecture.md, "People and access"). */
public enum Role {
    /** 市文明办: the city civilisation office, above the counties of its city (reads and compares them). */
    CITY_OFFICE,
    /** 县文明办: the county civilisation office. */
    COUNTY_OFFICE,
    /** 乡镇: a township officer. */
    TOWNSHIP_OFFICER,
    /** 道德银行管理员: the village's moral bank administrator. */
    VILLAGE_ADMIN,
    /** 道德评议委员会委员: a member of the village review committee. */
    COMMITTEE_MEMBER,
    /** 网格员: the grid worker. */
    GRID_WORKER,
    /** 爱心超市管理员: the love supermarket's operator. */
    SUPERMARKET_OPERATOR,
    /** a kiosk device at a love supermarket. */
    KIOSK,
    /** a villager, for their own household. */
    VILLAGER
}
