package cn.moralbank.kiosk.api;

/** Why stock changed outside donations and sales. */
public enum AdjustmentKind {
    /** 损坏: quantity taken out */
    DAMAGED,
    /** 过期: quantity taken out */
    EXPIRED,
    /** 盘点: the quantity counted on the shelf replaces the book quantity */
    COUNTED
}
