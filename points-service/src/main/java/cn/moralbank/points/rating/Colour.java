package cn.moralbank.points.rating;

/**
 * 分色预警: a village's colour on the dashboards, by its participation against the county's thresholds; NONE for a
 * region with no households yet (a village just set up is not lagging: it has no one to take part).
 */
public enum Colour {
    GREEN, YELLOW, RED, NONE
}
