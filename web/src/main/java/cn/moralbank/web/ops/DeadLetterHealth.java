package cn.moralbank.web.ops;

import cn.moralbank.points.infra.axon.DeadLetterQueues;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The projections' dead letters in {@code /health}'s details (visible where {@code endpoints.health.details-visible}
 * allows; docs/operations.md): parked events per projection. The node stays UP: a parked event holds back one
 * household's view, not the node, and pulling the node would not help it.
 */
@Singleton
@Readiness
class DeadLetterHealth extends AbstractHealthIndicator<Map<String, Object>> {
    private final DeadLetterQueues deadLetters;

    DeadLetterHealth(DeadLetterQueues deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Long> counts = deadLetters.counts();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("parked", counts.values().stream().mapToLong(Long::longValue).sum());
        details.put("perProjection", counts);
        healthStatus = HealthStatus.UP;
        return details;
    }

    @Override
    protected String getName() {
        return "deadLetters";
    }
}
