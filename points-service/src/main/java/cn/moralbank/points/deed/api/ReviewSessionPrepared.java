package cn.moralbank.points.deed.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@DomainEvent
public record ReviewSessionPrepared(ReviewSessionId sessionId, long villageId, String villagePath, String title,
                                    LocalDate heldOn, List<String> committee, int objectionDays, List<DeedId> agenda,
                                    String preparedBy, Instant preparedAt) {
}
