package cn.moralbank.points.rating.api;

import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What the projections say about a grid worker's quarter: their reports, how many the committee confirmed, the
 * average days between deed and report, reports found wrong (an objection upheld, or revoked later), and their grid's
 * households and how many of them had a good deed confirmed.
 */
@ValueObject
public record WorkerFacts(String worker, String name, long gridId, String gridPath, int reports, int confirmed,
                          double averageDelayDays, int foundWrong, int households, int participants) {
}
