package cn.moralbank.points.rating;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A grid worker's or a household's result in a round: the facts, each criterion's score (null where it could not
 * be judged), the score and stars as they stand, and what became of an appeal.
 */
@Serdeable
public record ResultView(String roundId, String subject, String kind, String period, String name, String regionPath,
                         @Nullable Long gridId, int reports, int confirmed, double averageDelay, int foundWrong,
                         int households, int participants, @Nullable Integer confirmedScore,
                         @Nullable Integer participationScore, @Nullable Integer timelinessScore,
                         @Nullable Integer accuracyScore, @Nullable Integer townshipScore, List<Long> categoryPoints,
                         long penalised, long earned, int qualifying, int score, int stars, boolean adjusted,
                         boolean flagged, @Nullable String appeal, @Nullable String appealReason,
                         @Nullable String appealDecision) {
}
