package cn.moralbank.points.deed.api;

public record DeedPointsAdjusted(DeedId deedId, ReviewSessionId sessionId, long fromPoints, long toPoints,
                                 String reason, String adjustedBy) {
}
