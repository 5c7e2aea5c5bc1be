package cn.moralbank.points.deed.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.util.List;

@DomainEvent
public record DeedPutOnAgenda(DeedId deedId, ReviewSessionId sessionId, String sessionTitle, List<String> committee,
                              int objectionDays) {
}
