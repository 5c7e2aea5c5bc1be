package cn.moralbank.points.rating;

/** 分色预警: a village's colour on the dashboards, by its participation against the county's thresholds. */
public enum Colour {
    GREEN, YELLOW, RED
}
