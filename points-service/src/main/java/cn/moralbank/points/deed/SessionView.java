package cn.moralbank.points.deed;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** A review session as the administrator's page lists it. {@code committee} holds usernames, comma-separated. */
@Serdeable
@MappedEntity("review_session_view")
public record SessionView(@Id String sessionId, long villageId, String villagePath, String title, LocalDate heldOn,
                          String committee, int objectionDays, int agendaSize, String status, String preparedBy,
                          Instant preparedAt, @Nullable Instant closedAt) {

    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";

    public List<String> members() {
        return committee.isEmpty() ? List.of() : Arrays.asList(committee.split(","));
    }

    public boolean open() {
        return OPEN.equals(status);
    }
}
