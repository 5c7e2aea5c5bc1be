package cn.moralbank.points.rating.api;

/** What a round rates: grid workers each quarter (星级网格员), or households each year (星级文明户). */
public enum RoundKind {
    GRID_WORKERS, HOUSEHOLDS
}
