package cn.moralbank.points.infra.axon;

import cn.moralbank.points.common.CommandSideLookup;
import cn.moralbank.points.common.Projection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.context.annotation.Context;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;

/**
 * The projections' health as gauges, beside Axon's own monitors (command latency, event store appends, each processor's
 * latency behind the events it handles; AxonFactory registers those): per projection processor whether it runs, how
 * many segments it holds, how many of them are behind the head of the store or in error, and per segment how many
 * events it is behind; and per projection how many of its events are parked as dead letters. What to watch:
 * docs/operations.md, "Metrics".
 * <p>
 * Bound once Axon is configured (not as a MeterBinder: the registry is made before Axon, which reports to it).
 */
@Context
final class ProjectionMetrics {
    /** How long the store's head, read for the segments' lag, is reused: one read per scrape, not one per segment. */
    private static final long HEAD_NANOS = 1_000_000_000L;

    private final Configuration axon;
    private final DataSource dataSource;
    private final int segments;
    private long head = -1;
    private long headReadAt;

    ProjectionMetrics(Configuration axon, DataSource dataSource, MeterRegistry registry, AxonSettings settings,
                      List<Projection> projections) {
        this.axon = axon;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.segments = settings.segments();
        bindTo(registry, projections);
    }

    private void bindTo(MeterRegistry registry, List<Projection> projections) {
        axon.eventProcessingConfiguration().eventProcessors().values().stream()
                .filter(PooledStreamingEventProcessor.class::isInstance)
                .map(PooledStreamingEventProcessor.class::cast)
                .forEach(processor -> bind(registry, processor));
        // dead letters are per projection (each has its own queue), whichever processor handles it
        projections.stream()
                .filter(p -> !(p instanceof CommandSideLookup))
                .map(p -> p.getClass().getAnnotation(ProcessingGroup.class).value())
                .forEach(group -> Gauge.builder("moralbank.projection.dead.letters", this, m -> m.deadLetters(group))
                        .tag("projection", group).description("events parked as dead letters (/ops/dead-letters)")
                        .register(registry));
    }

    private void bind(MeterRegistry registry, PooledStreamingEventProcessor processor) {
        String name = processor.getName();
        Gauge.builder("moralbank.projection.running", processor, p -> p.isRunning() ? 1 : 0)
                .tag("processor", name).description("1 while the projection's processor runs").register(registry);
        Gauge.builder("moralbank.projection.segments", processor, p -> p.processingStatus().size())
                .tag("processor", name).description("segments this node holds").register(registry);
        Gauge.builder("moralbank.projection.segments.behind", processor, p -> count(p, s -> !s.isCaughtUp()))
                .tag("processor", name).description("held segments not yet at the head of the store")
                .register(registry);
        Gauge.builder("moralbank.projection.segments.error", processor, p -> count(p, EventTrackerStatus::isErrorState))
                .tag("processor", name).description("held segments whose last batch failed").register(registry);
        // every projection is handled by the one live processor (ADR 0008): a segment's lag is each projection's
        for (int segment = 0; segment < segments; segment++) {
            int id = segment;
            Gauge.builder("moralbank.projection.segment.lag", processor, p -> lag(p, id))
                    .tag("processor", name).tag("segment", String.valueOf(id))
                    .description("events in the store past this segment's position (no figure where another node"
                            + " holds the segment)")
                    .register(registry);
        }
    }

    /** Events past the segment's position, if this node holds it (NaN if not, or the database is unreachable). */
    private double lag(PooledStreamingEventProcessor processor, int segment) {
        EventTrackerStatus status = processor.processingStatus().get(segment);
        if (status == null || status.getCurrentPosition().isEmpty()) {
            return Double.NaN;
        }
        long top = head();
        return top < 0 ? Double.NaN : Math.max(0, top - status.getCurrentPosition().getAsLong());
    }

    private synchronized long head() {
        long now = System.nanoTime();
        if (head >= 0 && now - headReadAt < HEAD_NANOS) {
            return head;
        }
        try {
            head = EventCounts.head(dataSource);
            headReadAt = now;
            return head;
        } catch (SQLException e) {
            return -1;
        }
    }

    private static long count(PooledStreamingEventProcessor processor, Predicate<EventTrackerStatus> which) {
        return processor.processingStatus().values().stream().filter(which).count();
    }

    private double deadLetters(String processingGroup) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT count(*) FROM dead_letter_entry WHERE processing_group = ?")) {
            count.setString(1, processingGroup);
            try (ResultSet row = count.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        } catch (SQLException e) {
            return Double.NaN; // the database is unreachable: no figure rather than a wrong one
        }
    }
}
