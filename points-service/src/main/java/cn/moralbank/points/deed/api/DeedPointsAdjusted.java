package cn.moralbank.points.deed.api;

import org.jmolecules.event.annotation.DomainEvent;

@DomainEvent
public record DeedPointsAdjusted(DeedId deedId, ReviewSessionId sessionId, long fromPoints, long toPoints,
                                 String reason, String adjustedBy) {
}
