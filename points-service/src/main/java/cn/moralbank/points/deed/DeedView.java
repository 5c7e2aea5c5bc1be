package cn.moralbank.points.deed;

import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.DeedStatus;
import cn.moralbank.points.deed.api.PhotoId;
import cn.moralbank.points.rules.Category;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * A deed as the pages show it: the review queue, "my deeds", the notice board. A projection row (see
 * {@link DeedViews}); {@code points} are signed, negative for bad behaviour.
 */
@Serdeable
@MappedEntity("deed_view")
public record DeedView(@Id String deedId, String householdId, String householdName, long villageId,
                       String villagePath, long ruleId, int ruleVersion, String ruleCode, String ruleName,
                       Category category, long points, LocalDate deedDate, String description, String photoIds,
                       String witness, String reportedBy, String reporterRole, Instant reportedAt,
                       DeedStatus status, @Nullable String sessionId, @Nullable Instant postedAt,
                       @Nullable Instant periodEnds, int objections, String lastObjection,
                       @Nullable String entryId, Instant updatedAt) {

    public DeedId id() {
        return new DeedId(deedId);
    }

    public List<PhotoId> photos() {
        return photoIds.isEmpty() ? List.of() : Arrays.stream(photoIds.split(",")).map(PhotoId::new).toList();
    }
}
