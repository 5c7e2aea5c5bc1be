package cn.moralbank.points.deed.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

/** A majority of the committee's members approved. The tally is kept with the outcome. */
@DomainEvent
public record DeedApproved(DeedId deedId, ReviewSessionId sessionId, long points, int approvals, int rejections,
                           int abstentions, int committeeSize, Instant decidedAt) {
}
