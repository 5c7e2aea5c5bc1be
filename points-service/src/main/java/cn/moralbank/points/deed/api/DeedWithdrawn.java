package cn.moralbank.points.deed.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

@DomainEvent
public record DeedWithdrawn(DeedId deedId, String withdrawnBy, String reason, Instant withdrawnAt) {
}
