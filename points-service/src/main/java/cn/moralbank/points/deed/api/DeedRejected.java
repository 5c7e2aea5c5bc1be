package cn.moralbank.points.deed.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

/** A majority of the committee's members rejected. End of the deed's way. */
@DomainEvent
public record DeedRejected(DeedId deedId, ReviewSessionId sessionId, int approvals, int rejections,
                           int abstentions, int committeeSize, Instant decidedAt) {
}
