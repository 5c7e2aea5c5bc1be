package cn.moralbank.points.rating.api;

/** An upheld appeal took a flagged worker back to or above the threshold. */
public record ReplacementFlagLifted(RatingRoundId roundId, String worker, int stars) {
}
