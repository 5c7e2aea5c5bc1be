package cn.moralbank.points.rating;

import cn.moralbank.points.rating.api.HouseholdCriteria;
import cn.moralbank.points.rating.api.RoundKind;
import cn.moralbank.points.rating.api.WorkerCriteria;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A rating round as the pages and the API show it; one of the two criteria is set, by its kind. */
@Serdeable
public record RoundView(String roundId, RoundKind kind, String countyPath, String period, String status,
                        int subjects, String openedBy, Instant openedAt, @Nullable String publishedBy,
                        @Nullable Instant publishedAt, @Nullable Instant appealEnds, @Nullable Instant closedAt,
                        @Nullable WorkerCriteria workerCriteria, @Nullable HouseholdCriteria householdCriteria) {

    public boolean open() {
        return status.equals("OPEN");
    }

    public boolean published() {
        return !open();
    }

    public boolean ofWorkers() {
        return kind == RoundKind.GRID_WORKERS;
    }
}
