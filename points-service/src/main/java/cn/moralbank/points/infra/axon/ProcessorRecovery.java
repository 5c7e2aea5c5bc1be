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
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Makes recovery after a database fault fast and certain. Every second it asks PostgreSQL when it started; when the
 * database is back after being unreachable, or has restarted since the last look (a crash between two looks), every
 * projection processor is stopped and started again: its work packages drop whatever they held in memory and read
 * their tokens afresh from the database, which holds exactly what was committed (ADR 0007), and the growing pauses
 * Axon puts between attempts on a failing segment (up to a minute) are cleared, so the views catch up within seconds.
 */
@Context
@Requires(property = "moralbank.axon.rebuild-all", notEquals = "true")
final class ProcessorRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorRecovery.class);

    private final Configuration axon;
    private final DataSource dataSource;
    private final Thread watch;
    private volatile boolean closed;
    private Object started;
    private boolean unreachable;

    ProcessorRecovery(Configuration axon, DataSource dataSource) {
        this.axon = axon;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.watch = new Thread(this::watchLoop, "database-restart-watch");
        this.watch.setDaemon(true);
        this.watch.start();
    }

    private void watchLoop() {
        while (!closed) {
            observe(startTime());
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Object startTime() {
        try (Connection connection = dataSource.getConnection();
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
        }
    }

    void restartProcessors() {
        TokenStore tokens = axon.getComponent(TokenStore.class);
        for (PooledStreamingEventProcessor processor : processors()) {
            try {
                processor.shutdownAsync().get(30, TimeUnit.SECONDS);
                processor.start();
                for (int segment : tokens.fetchSegments(processor.getName())) {
                    // clears the back-off a failing segment was given (a release until now is none)
                    processor.releaseSegment(segment, 0, TimeUnit.MILLISECONDS);
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("Could not restart processor {} ({}); it recovers by itself, more slowly",
                        processor.getName(), e.toString());
            }
        }
    }

    private List<PooledStreamingEventProcessor> processors() {
        return axon.eventProcessingConfiguration().eventProcessors().values().stream()
                .filter(PooledStreamingEventProcessor.class::isInstance)
                .map(PooledStreamingEventProcessor.class::cast)
                .filter(PooledStreamingEventProcessor::isRunning)
                .toList();
    }

    @PreDestroy
    void close() {
        closed = true;
        watch.interrupt();
    }
}
