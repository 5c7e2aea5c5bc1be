package cn.moralbank.points.testing;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;

import java.time.Duration;
import java.util.Map;

/**
 * Waits until every running projection of this node has handled every event committed so far. It reads Axon's own
 * status of each segment, not the tokens in {@code token_entry}: a segment that had nothing to handle moves its
 * position at once in memory but stores its token only at the next claim extension (5 s), so waiting on the stored
 * tokens cost every test up to five seconds. A segment that handles an event moves its status only after its batch
 * committed, so a position at or past the last event means the view holds it.
 */
public final class ViewsCaughtUp {
    private ViewsCaughtUp() {
    }

    public static void await(Configuration axon, Sql sql) {
        Eventually.until("every view caught up with the event store", Duration.ofSeconds(90), () -> {
            long last = sql.count("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
            return axon.eventProcessingConfiguration().eventProcessors().values().stream()
                    .filter(PooledStreamingEventProcessor.class::isInstance)
                    .map(PooledStreamingEventProcessor.class::cast)
                    .filter(PooledStreamingEventProcessor::isRunning)
                    .allMatch(processor -> caughtUp(processor, sql, last));
        });
    }

    private static boolean caughtUp(PooledStreamingEventProcessor processor, Sql sql, long last) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        long segments = sql.count("SELECT count(*) FROM token_entry WHERE processor_name = ?", processor.getName());
        return status.size() == segments && status.values().stream()
                .allMatch(s -> !s.isErrorState() && s.getCurrentPosition().orElse(-1) >= last);
    }
}
