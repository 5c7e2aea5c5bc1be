package cn.moralbank.points.deed;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * What became of one deed in one session: UNDER_REVIEW, APPROVED, REJECTED, RETURNED (undecided at closing),
 * WITHDRAWN. {@code itemId} is {@code sessionId/deedId}.
 */
@Serdeable
@MappedEntity("review_session_item")
public record SessionItem(@Id String itemId, String sessionId, String deedId, String outcome, long points,
                          int approvals, int rejections, int abstentions, @Nullable Instant decidedAt) {

    static String idOf(String sessionId, String deedId) {
        return sessionId + "/" + deedId;
    }
}
