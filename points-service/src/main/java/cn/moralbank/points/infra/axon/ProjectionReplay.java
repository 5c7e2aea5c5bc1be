package cn.moralbank.points.infra.axon;

import cn.moralbank.points.common.CommandSideLookup;
import cn.moralbank.points.common.Projection;
import cn.moralbank.points.infra.db.RebuiltTables;
import jakarta.inject.Singleton;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Rebuilds projections from the event store: each processor's tokens are reset, its read model cleared by the
 * projection's reset handler, and the events replayed, with a progress bar. Run it while no other node is up
 * (docs/operations.md).
 *
 * <p>Rebuilding everything ({@link AxonSettings#rebuildAll()}, set by the {@code replay} command) puts every
 * projection into one tracking processor, {@value #REBUILD}: each of its segments' threads reads the event store once
 * and handles its own segment's events for every projection, with no coordinator handing them over. When it has
 * caught up, each projection's own processor is given tokens at the position reached, and carries on from there at
 * the next start. Meanwhile the emptied tables' secondary indexes are set aside and built again at the end
 * ({@link RebuiltTables}).
 */
@Singleton
public class ProjectionReplay {
    /** The processor that rebuilds every projection at once. */
    public static final String REBUILD = "rebuild-all";
    private static final long CLAIM_WAIT_NANOS = 30_000_000_000L;

    private final Configuration axon;
    private final AxonSettings settings;
    private final DataSource dataSource;
    private final RebuiltTables rebuiltTables;
    private final List<String> projections;

    ProjectionReplay(Configuration axon, AxonSettings settings, List<Projection> projections, DataSource dataSource,
                     RebuiltTables rebuiltTables) {
        this.axon = axon;
        this.rebuiltTables = rebuiltTables;
        this.dataSource = dataSource;
        this.settings = settings;
        this.projections = projections.stream().filter(p -> !(p instanceof CommandSideLookup))
                .map(p -> p.getClass().getAnnotation(ProcessingGroup.class).value()).sorted().toList();
    }

    /** Replays one processor by name, or every one when name is null. Returns a process exit status. */
    public int replay(String name, PrintStream out) {
        var processing = axon.eventProcessingConfiguration();
        if (name != null && projections.contains(name) && processing.eventProcessor(name).isEmpty()
                && processing.eventProcessor(ProjectionProcessors.LIVE).isPresent()) {
            return rebuildOne(name, out);
        }
        List<StreamingEventProcessor> processors = processing.eventProcessors().values().stream()
                .filter(p -> p instanceof StreamingEventProcessor)
                .map(p -> (StreamingEventProcessor) p)
                .filter(p -> name == null || p.getName().equals(name))
                .toList();
        if (processors.isEmpty()) {
            out.println("No projection named " + name + "; known: " + processing.eventProcessors().keySet());
            return 2;
        }
        long head = head();
        EventCounts counts = EventCounts.below(dataSource, head);
        Object databaseStarted = databaseStarted();
        long started = System.nanoTime();
        boolean all = processors.size() == 1 && processors.get(0).getName().equals(REBUILD);
        for (StreamingEventProcessor processor : processors) {
            for (String projection : all ? projections : List.of(processor.getName())) {
                out.printf("Rebuilding %s from %,d events%n", projection, counts.total());
            }
            processor.shutDown();
            // what was handed over to the processor is rebuilt from nothing now
            for (String projection : all || processor.getName().equals(ProjectionProcessors.LIVE) ? projections
                    : List.of(processor.getName())) {
                handOver().forget(projection);
            }
            if (all && !freshSegments(processor, out)) {
                return 1;
            }
            if (!reset(processor, out)) {
                return 1;
            }
            if (all) {
                deferIndexes(out);
            }
            processor.start();
        }
        while (true) {
            long position = processors.stream().mapToLong(this::lowestPosition).min().orElse(head);
            boolean done = position >= head && processors.stream().noneMatch(StreamingEventProcessor::isReplaying)
                    && (!all || everySegmentWorking(processors.get(0)));
            printProgress(out, counts.upTo(Math.min(position, head)), counts.total(), started);
            Object now = databaseStarted();
            if (now != null && !now.equals(databaseStarted)) {
                // the rebuild's last batches were committed without waiting for the disk (ProjectionTransactions)
                out.println();
                out.println("The database restarted during the rebuild: its last batches may be lost. Run replay again.");
                return 1;
            }
            if (done) {
                out.println();
                if (all) {
                    handOver(processors.get(0), out);
                }
                buildIndexes(out);
                rebuiltTables.vacuum(out);
                out.printf("Done in %.1f s%n", (System.nanoTime() - started) / 1e9);
                return 0;
            }
            sleep();
        }
    }

    /** Sets the emptied tables' secondary indexes aside; a rebuild that cannot still runs, with them. */
    private void deferIndexes(PrintStream out) {
        try {
            out.printf("Indexes set aside until the tables are full: %d%n", rebuiltTables.deferIndexes().size());
        } catch (IllegalStateException e) {
            out.println("Indexes kept (" + e.getCause().getMessage() + "): the rebuild takes longer");
        }
    }

    /** Builds the set-aside indexes again; one that fails is left for the next start, which tries again. */
    private void buildIndexes(PrintStream out) {
        long began = System.nanoTime();
        try {
            int built = rebuiltTables.buildDeferredIndexes();
            if (built > 0) {
                out.printf("Indexes built again: %d in %.1f s%n", built, (System.nanoTime() - began) / 1e9);
            }
        } catch (IllegalStateException e) {
            out.println("An index could not be built again (" + e.getMessage() + "); the next start tries again."
                    + " Until then the pages that use it are slow.");
        }
    }

    /**
     * Resets a processor's tokens; a node that stopped without releasing its claims holds them for Axon's claim
     * timeout (10 s), so that is waited for. A node still running keeps its claims: then nothing is reset.
     */
    private boolean reset(StreamingEventProcessor processor, PrintStream out) {
        return onceUnclaimed(processor.getName(), out, () -> processor.resetTokens(source -> source.createTailToken()));
    }

    /**
     * Gives the rebuild exactly {@code rebuild-segments} segments. Tokens an earlier rebuild left (one stopped half-way
     * keeps them, with the segment count of its own day) would otherwise be reused: with 8 segments left and 2 claimed,
     * the rebuild read every event, handled a quarter of them and said it was done.
     */
    private boolean freshSegments(StreamingEventProcessor rebuild, PrintStream out) {
        TokenStore tokens = axon.getComponent(TokenStore.class);
        return onceUnclaimed(rebuild.getName(), out, () -> axon.getComponent(TransactionManager.class)
                .executeInTransaction(() -> {
                    drop(tokens, rebuild.getName());
                    tokens.initializeTokenSegments(rebuild.getName(), settings.rebuildSegments());
                }));
    }

    /** Runs a change of a processor's tokens, waiting out a stopped node's claims; false if a node still holds them. */
    private boolean onceUnclaimed(String processor, PrintStream out, Runnable change) {
        long deadline = System.nanoTime() + CLAIM_WAIT_NANOS;
        while (true) {
            try {
                change.run();
                return true;
            } catch (UnableToClaimTokenException e) {
                if (System.nanoTime() > deadline) {
                    out.println("Another node still holds " + processor + ": " + e.getMessage()
                            + ". Stop every node, then replay.");
                    return false;
                }
                out.println("Waiting for a stopped node's claim to expire: " + e.getMessage());
                sleep();
            }
        }
    }

    /**
     * Whether each of the rebuild's segments has a thread working on it, none in error: a tracking processor reports
     * only the segments its threads hold, so a segment whose thread let it go after an error would otherwise not count
     * against the lowest position, and the replay would end without its events.
     */
    private boolean everySegmentWorking(StreamingEventProcessor rebuild) {
        Map<Integer, EventTrackerStatus> status = rebuild.processingStatus();
        return status.size() == settings.rebuildSegments()
                && status.values().stream().noneMatch(EventTrackerStatus::isErrorState);
    }

    /** The lowest position the rebuild's segments reached: every projection has everything below it. */
    private static TrackingToken lowestReached(StreamingEventProcessor rebuild) {
        return rebuild.processingStatus().values().stream()
                .map(EventTrackerStatus::getTrackingToken)
                .map(WrappedToken::unwrapLowerBound)
                .min(Comparator.comparingLong(t -> t.position().orElse(-1)))
                .orElseThrow();
    }

    /**
     * Gives the live processor (or each projection's own, {@code processor-per-projection}) tokens at the position the
     * rebuild reached, and drops the rebuild's.
     */
    private void handOver(StreamingEventProcessor rebuild, PrintStream out) {
        TrackingToken reached = lowestReached(rebuild);
        rebuild.shutDown();
        TokenStore tokens = axon.getComponent(TokenStore.class);
        axon.getComponent(TransactionManager.class).executeInTransaction(() -> {
            for (String name : projections) {
                drop(tokens, name);
                if (settings.processorPerProjection()) {
                    tokens.initializeTokenSegments(name, settings.segments(), reached);
                }
            }
            drop(tokens, ProjectionProcessors.LIVE);
            if (!settings.processorPerProjection()) {
                tokens.initializeTokenSegments(ProjectionProcessors.LIVE, settings.segments(), reached);
            }
            drop(tokens, REBUILD);
        });
        out.printf("Projections continue from event %,d%n", reached.position().orElse(-1));
    }

    private ProjectionHandOver handOver() {
        return axon.getComponent(ProjectionHandOver.class);
    }

    /**
     * Rebuilds one projection while every projection's live processor is {@value ProjectionProcessors#LIVE}: the
     * live processor stops on this node, a processor of the rebuild's own runs the projection's handlers (its
     * dead-lettering invoker, the very one the live processor calls) from the first event to at least where the live
     * processor had got, and then the projection's position is handed over ({@link ProjectionHandOver}): the live
     * processor, started again, does not handle for it the events it now holds. The other projections are not
     * touched. Run it while no other node is up, as every replay.
     */
    private int rebuildOne(String group, PrintStream out) {
        var processing = axon.eventProcessingConfiguration();
        PooledStreamingEventProcessor live = processing.eventProcessor(ProjectionProcessors.LIVE,
                PooledStreamingEventProcessor.class).orElseThrow();
        EventHandlerInvoker invoker = processing.sequencedDeadLetterProcessor(group)
                .map(EventHandlerInvoker.class::cast)
                .orElseThrow(() -> new IllegalStateException("no dead-lettering invoker for " + group));
        long head = head();
        EventCounts counts = EventCounts.below(dataSource, head);
        Object databaseStarted = databaseStarted();
        long started = System.nanoTime();
        out.printf("Rebuilding %s from %,d events%n", group, counts.total());
        boolean wasRunning = live.isRunning();
        live.shutDown();
        TokenStore tokens = axon.getComponent(TokenStore.class);
        // the live processor's tokens stay where they are: the rebuild goes at least as far
        long target;
        try {
            target = Math.max(head, highestPosition(tokens, ProjectionProcessors.LIVE));
        } catch (UnableToClaimTokenException e) {
            out.println("Another node still holds " + ProjectionProcessors.LIVE + ": " + e.getMessage()
                    + ". Stop every node, then replay.");
            if (wasRunning) {
                live.start();
            }
            return 1;
        }
        handOver().forget(group);
        ScheduledExecutorService coordinator = Executors
                .newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "rebuild-" + group));
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(settings.rebuildSegments(),
                        runnable -> new Thread(runnable, "rebuild-" + group + "-worker"));
        PooledStreamingEventProcessor rebuild = PooledStreamingEventProcessor.builder()
                .name(REBUILD + "/" + group)
                .eventHandlerInvoker(invoker)
                .messageSource(axon.eventStore())
                .tokenStore(tokens)
                .transactionManager(axon.getComponent(ProjectionTransactions.class))
                .errorHandler(axon.getComponent(DeadLetters.class).errorHandlerFor(ProjectionProcessors.LIVE))
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(settings.rebuildSegments())
                .maxClaimedSegments(settings.rebuildSegments())
                .batchSize(settings.rebuildBatchSize())
                .initialToken(source -> source.createTailToken())
                .build();
        try {
            if (!freshSegments(rebuild, out) || !reset(rebuild, out)) {
                return 1;
            }
            rebuild.start();
            while (true) {
                long position = lowestPosition(rebuild);
                printProgress(out, counts.upTo(Math.min(position, head)), counts.total(), started);
                Object now = databaseStarted();
                if (now != null && !now.equals(databaseStarted)) {
                    out.println();
                    out.println("The database restarted during the rebuild: run replay " + group + " again.");
                    return 1;
                }
                if (position >= target && !rebuild.isReplaying()) {
                    break;
                }
                sleep();
            }
            out.println();
            TrackingToken reached = lowestReached(rebuild);
            rebuild.shutDown();
            handOver().handOver(group, reached);
            axon.getComponent(TransactionManager.class).executeInTransaction(() -> drop(tokens, rebuild.getName()));
            out.printf("%s continues from event %,d%n", group, reached.position().orElse(-1));
            out.printf("Done in %.1f s%n", (System.nanoTime() - started) / 1e9);
            return 0;
        } finally {
            rebuild.shutDown();
            coordinator.shutdownNow();
            workers.shutdownNow();
            if (wasRunning) {
                live.start();
            }
        }
    }

    /** The highest position any segment of the processor has stored (-1 for none). */
    private long highestPosition(TokenStore tokens, String processor) {
        return axon.getComponent(TransactionManager.class).fetchInTransaction(() -> {
            long highest = -1;
            for (int segment : tokens.fetchSegments(processor)) {
                TrackingToken token = tokens.fetchToken(processor, segment);
                tokens.releaseClaim(processor, segment);
                if (token != null) {
                    highest = Math.max(highest, WrappedToken.unwrapUpperBound(token).position().orElse(-1));
                }
            }
            return highest;
        });
    }

    private static void drop(TokenStore tokens, String processor) {
        for (int segment : tokens.fetchSegments(processor)) {
            tokens.fetchToken(processor, segment);
            tokens.deleteToken(processor, segment);
        }
    }

    private long lowestPosition(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return -1;
        }
        return status.values().stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(-1))
                .min().orElse(-1);
    }

    /** When PostgreSQL started (null when it cannot be asked just now). */
    private Object databaseStarted() {
        return ProcessorRecovery.startTime(dataSource);
    }

    /**
     * The position of the last event committed before the replay began: the replay is done when every processor has
     * passed it. Not the store's head token, which stops below {@code safe_event_position()}: while another
     * transaction was open, that left out events committed just before, and the replay ended without them.
     */
    private long head() {
        try {
            return EventCounts.head(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException("the event store could not be read: " + e.getMessage(), e);
        }
    }

    /** One line of progress, redrawn in place: the replay's and verify's. */
    public static void printProgress(PrintStream out, long position, long head, long startedNanos) {
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
