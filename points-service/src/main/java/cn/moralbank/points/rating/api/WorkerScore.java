package cn.moralbank.points.rating.api;

import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A grid worker's scores when the round opened: each criterion 0-100 (null where it cannot be judged: no reports, no
 * households), the weighted score and the stars it gives.
 */
@ValueObject
public record WorkerScore(WorkerFacts facts, Integer confirmedScore, Integer participationScore,
                          Integer timelinessScore, Integer accuracyScore, int score, int stars) {
}
