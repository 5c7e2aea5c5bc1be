package cn.moralbank.points.deed;

import cn.moralbank.points.deed.api.VoteChoice;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** One committee member's vote on one deed in one session. */
@Serdeable
@MappedEntity("deed_vote")
public record VoteView(@Id String eventId, String deedId, String sessionId, String voter, VoteChoice choice,
                       String comment, Instant castAt) {
}
