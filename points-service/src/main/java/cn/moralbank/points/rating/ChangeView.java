package cn.moralbank.points.rating;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** One step of a round's audit trail: a township score, an adjustment, an appeal and its decision, a flag. */
@Serdeable
public record ChangeView(String roundId, String subject, String change, @Nullable Integer scoreBefore,
                         @Nullable Integer scoreAfter, @Nullable Integer starsBefore, @Nullable Integer starsAfter,
                         String reason, String changedBy, Instant changedAt) {
}
