package cn.moralbank.points.infra.axon;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Makes recovery after a database fault fast and certain. Every second it asks PostgreSQL when it started; when the
 * database is back after being unreachable, or has restarted since the last look (a crash between two looks), every
 * projection processor is stopped and started again: its work packages drop whatever they held in memory and read
 * their tokens afresh from the database, which holds exactly what was committed (ADR 0007), and the growing pauses
 * Axon puts between attempts on a failing segment (up to a minute) are cleared, so the views catch up within seconds.
 * <p>
 * A processor this class stopped is started again at every look until it runs: a start fails when the database fails
 * again while it starts (Axon's start then gives up and leaves the processor stopped for good), and a processor that
 * no one starts again is a view that never moves (ConnectionCutTest saw it: two cuts a second apart).
 * <p>
 * A cut too short for a look to see (the database answers at every look) can still abort a work package, and Axon then
 * sets its segment aside for a growing pause, up to a minute. So at every look a segment of a running processor that
 * this node does not process, and that no node holds or this node still holds from before the abort, is made
 * claimable at once when it was so at the look before too (ConnectionCutTest saw a view wait out those pauses), and a
 * processor whose coordinator is still in error at two looks in a row is restarted, which clears its own pause. A
 * processor that leaves such a segment unclaimed for many looks all the same is restarted too ({@link IdleSegments}).
 */
@Context
@Requires(property = "moralbank.axon.rebuild-all", notEquals = "true")
final class ProcessorRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorRecovery.class);

    private final Configuration axon;
    private final DataSource dataSource;
    private final Thread watch;
    /** Processors this class stopped and has not yet seen running again. */
    private final Set<String> toStart = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Object started;
    private boolean unreachable;
    /** Processors found in error at the last look. */
    private Set<String> failingBefore = Set.of();
    /** How long each segment has been idle, and what to do about it. */
    private final IdleSegments idleSegments = new IdleSegments();
    /** Idle segments already logged (Axon claims a released segment at its next claim round, within seconds). */
    private final Set<String> announced = new HashSet<>();
    /** This node's name in token_entry.owner (Axon's default node id). */

    private final ProjectionProcessors names;
    private final String node;

    ProcessorRecovery(Configuration axon, DataSource dataSource, ProjectionProcessors names, AxonNode node) {
        this.node = node.id();
        this.axon = axon;
        this.names = names;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.watch = new Thread(this::watchLoop, "database-restart-watch");
        this.watch.setDaemon(true);
        this.watch.start();
    }

    private void watchLoop() {
        while (!closed) {
            observe(startTime(dataSource));
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** When PostgreSQL started, or null when it cannot be asked just now (down, or the connection cut). */
    static Object startTime(DataSource dataSource) {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_postmaster_start_time()")) {
            return row.next() ? row.getObject(1) : null;
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    /** One look at the database: {@code startTime} is null when it could not be reached. */
    synchronized void observe(Object startTime) {
        if (startTime == null) {
            unreachable = true;
            return;
        }
        boolean restarted = started != null && !Objects.equals(started, startTime);
        boolean back = unreachable;
        started = startTime;
        unreachable = false;
        if (restarted || back) {
            LOG.info("The database is {}: restarting the projection processors from their stored tokens",
                    restarted ? "restarted" : "reachable again");
            restartProcessors();
        } else {
            startStopped();
            restartFailing();
            reclaimIdleSegments();
            axon.getComponent(ProjectionHandOver.class).dropPassed(names::processorOf);
        }
    }

    /**
     * A running processor whose coordinator is in error at this look and the one before, while the database answers,
     * is stopped and started again: Axon's coordinator doubles its pause after each failed round, up to a minute, and a
     * burst of short cuts leaves it waiting that long after the database is back (ConnectionCutTest saw it).
     */
    synchronized void restartFailing() {
        Set<String> failing = new HashSet<>();
        List<PooledStreamingEventProcessor> again = new ArrayList<>();
        for (PooledStreamingEventProcessor processor : processors()) {
            if (!processor.isRunning() || !processor.isError() || toStart.contains(processor.getName())) {
                continue;
            }
            if (failingBefore.contains(processor.getName())) {
                LOG.info("Projection processor {} is still pausing after errors while the database answers: "
                        + "restarting it", processor.getName());
                again.add(processor);
            } else {
                failing.add(processor.getName());
            }
        }
        failingBefore = failing;
        restart(again);
    }

    /**
     * Makes claimable the segments idle at this look and the one before, and restarts a processor one of whose
     * segments stays idle for {@value IdleSegments#RESTART_AT} looks all the same (see the class comment).
     */
    synchronized void reclaimIdleSegments() {
        Set<String> idle = new HashSet<>();
        Map<String, Set<Integer>> free = freeSegments();
        Map<String, PooledStreamingEventProcessor> byName = new HashMap<>();
        for (PooledStreamingEventProcessor processor : processors()) {
            if (!processor.isRunning() || toStart.contains(processor.getName())) {
                continue;
            }
            byName.put(processor.getName(), processor);
            for (int segment : free.getOrDefault(processor.getName(), Set.of())) {
                if (!processor.processingStatus().containsKey(segment)) {
                    idle.add(processor.getName() + "/" + segment);
                }
            }
        }
        IdleSegments.Verdict verdict = idleSegments.look(idle);
        for (String key : verdict.release()) {
            PooledStreamingEventProcessor processor = byName.get(IdleSegments.processorOf(key));
            int segment = Integer.parseInt(key.substring(key.lastIndexOf('/') + 1));
            if (announced.add(key)) {
                LOG.info("Projection processor {} left segment {} aside while the database answers: "
                        + "claiming it again now", processor.getName(), segment);
            }
            processor.releaseSegment(segment, 0, TimeUnit.MILLISECONDS);
        }
        List<PooledStreamingEventProcessor> stuck = verdict.restart().stream().map(byName::get).toList();
        stuck.forEach(processor -> LOG.warn("Projection processor {} has left a segment unclaimed for {} s although "
                + "it was made claimable: restarting it", processor.getName(), IdleSegments.RESTART_AT));
        announced.retainAll(idle);
        restart(stuck);
    }

    /** Per processor, the segments no node holds or this node holds (token_entry), or none if it cannot be read. */
    private Map<String, Set<Integer>> freeSegments() {
        Map<String, Set<Integer>> free = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             var statement = connection.prepareStatement(
                     "SELECT processor_name, segment FROM token_entry WHERE owner IS NULL OR owner = ?")) {
            statement.setString(1, node);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    free.computeIfAbsent(rows.getString(1), k -> new HashSet<>()).add(rows.getInt(2));
                }
            }
        } catch (SQLException | RuntimeException e) {
            return Map.of();
        }
        return free;
    }

    /** Stops every running projection processor, then starts each again (now, or at a later look if that fails). */
    synchronized void restartProcessors() {
        restart(processors().stream().filter(PooledStreamingEventProcessor::isRunning).toList());
    }

    /** Stops the given processors, then starts each again (now, or at a later look if that fails). */
    private void restart(List<PooledStreamingEventProcessor> running) {
        running.forEach(processor -> toStart.add(processor.getName()));
        CompletableFuture<?>[] stops = running.stream().map(PooledStreamingEventProcessor::shutdownAsync)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stops).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            LOG.info("Not every projection processor stopped in time ({}); starting them at the next look", e.toString());
        }
        startStopped();
    }

    /** Starts the processors this class stopped that are not running yet; those that fail stay on the list. */
    synchronized void startStopped() {
        if (closed || toStart.isEmpty()) {
            return;
        }
        TokenStore tokens = axon.getComponent(TokenStore.class);
        for (PooledStreamingEventProcessor processor : processors()) {
            if (!toStart.contains(processor.getName())) {
                continue;
            }
            try {
                if (!processor.isRunning()) {
                    processor.start();
                }
                for (int segment : tokens.fetchSegments(processor.getName())) {
                    // clears the back-off a failing segment was given (a release until now is none)
                    processor.releaseSegment(segment, 0, TimeUnit.MILLISECONDS);
                }
                toStart.remove(processor.getName());
                LOG.info("Projection processor {} runs again", processor.getName());
            } catch (RuntimeException e) {
                LOG.info("Projection processor {} did not start yet ({}); trying again in a second",
                        processor.getName(), Failures.cause(e).message());
            }
        }
    }

    /** The processors stopped by a restart and not yet running again (for tests and health). */
    Set<String> waitingToStart() {
        return Set.copyOf(toStart);
    }

    private List<PooledStreamingEventProcessor> processors() {
        return axon.eventProcessingConfiguration().eventProcessors().values().stream()
                .filter(PooledStreamingEventProcessor.class::isInstance)
                .map(PooledStreamingEventProcessor.class::cast)
                .toList();
    }

    @PreDestroy
    void close() {
        closed = true;
        watch.interrupt();
    }
}
