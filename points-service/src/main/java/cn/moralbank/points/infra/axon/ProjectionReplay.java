package cn.moralbank.points.infra.axon;

import jakarta.inject.Singleton;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds projections from the event store: each processor's tokens are reset, its read model cleared by the
 * projection's reset handler, and the events replayed, with a progress bar. Run it while no other node is up
 * (docs/operations.md).
 */
@Singleton
public class ProjectionReplay {
    private final Configuration axon;

    ProjectionReplay(Configuration axon) {
        this.axon = axon;
    }

    /** Replays one processor by name, or every one when name is null. Returns a process exit status. */
    public int replay(String name, PrintStream out) {
        var processing = axon.eventProcessingConfiguration();
        List<PooledStreamingEventProcessor> processors = processing.eventProcessors().values().stream()
                .filter(p -> p instanceof PooledStreamingEventProcessor)
                .map(p -> (PooledStreamingEventProcessor) p)
                .filter(p -> name == null || p.getName().equals(name))
                .toList();
        if (processors.isEmpty()) {
            out.println("No projection named " + name + "; known: " + processing.eventProcessors().keySet());
            return 2;
        }
        long head = head();
        long started = System.nanoTime();
        for (PooledStreamingEventProcessor processor : processors) {
            out.printf("Rebuilding %s from %,d events%n", processor.getName(), head);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        while (true) {
            long position = processors.stream().mapToLong(this::lowestPosition).min().orElse(head);
            boolean done = position >= head && processors.stream().noneMatch(PooledStreamingEventProcessor::isReplaying);
            printProgress(out, Math.min(position, head), head, started);
            if (done) {
                out.println();
                out.printf("Done in %.1f s%n", (System.nanoTime() - started) / 1e9);
                return 0;
            }
            sleep();
        }
    }

    private long lowestPosition(PooledStreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return -1;
        }
        return status.values().stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(-1))
                .min().orElse(-1);
    }

    private long head() {
        var token = axon.getComponent(EventStore.class).createHeadToken();
        return token == null ? 0 : token.position().orElse(0);
    }

    private static void printProgress(PrintStream out, long position, long head, long startedNanos) {
        int width = 40;
        double share = head <= 0 ? 1 : Math.max(0, position) / (double) head;
        int filled = (int) (share * width);
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        double rate = seconds > 0 ? Math.max(0, position) / seconds : 0;
        out.printf("\r[%s%s] %5.1f%%  %,d / %,d events  %,.0f events/s", "#".repeat(filled),
                " ".repeat(width - filled), share * 100, Math.max(0, position), head, rate);
        out.flush();
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
