package cn.moralbank.web.verify;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs verify inside the application, for the nightly schedule ({@link VerifySchedule}) and the operations page's
 * "verify now", and stores the result ({@link VerifyRuns}). One node at a time: a run holds a PostgreSQL advisory
 * lock on a connection of its own for as long as it lasts, and a node that cannot take it leaves the run to the node
 * that holds it. The lock goes with the connection, so a node that dies mid-run frees it.
 */
@Singleton
public class VerifyJob {
    static final long LOCK = 0x6d62_7665_7269_6679L; // "mbverify"
    private static final Logger LOG = LoggerFactory.getLogger(VerifyJob.class);
    private final Verifier verifier;
    private final VerifyRuns runs;
    private final DataSource dataSource;
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "moralbank-verify");
        thread.setDaemon(true);
        return thread;
    });

    VerifyJob(Verifier verifier, VerifyRuns runs, DataSource dataSource) {
        this.verifier = verifier;
        this.runs = runs;
        this.dataSource = dataSource;
    }

    /** Starts a run in the background; false when one is running already (here or on another node). */
    public boolean startNow(VerifyRuns.Trigger trigger, String requestedBy) {
        if (running()) {
            return false;
        }
        background.submit(() -> runNow(trigger, requestedBy));
        return true;
    }

    /** Runs verify here and now unless another run holds the lock; the stored run's id, or -1 when skipped. */
    public long runNow(VerifyRuns.Trigger trigger, String requestedBy) {
        try (Connection lock = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            lock.setAutoCommit(true);
            if (!ask(lock, "SELECT pg_try_advisory_lock(?)")) {
                LOG.info("verify skipped: another run holds the lock");
                return -1;
            }
            try {
                long id = runs.start(trigger, requestedBy);
                try {
                    VerifyReport report = verifier.verify(new Verifier.Listener() {
                    });
                    runs.finish(id, report);
                    if (report.exitStatus() == 0) {
                        LOG.info("verify: {}", report.summary());
                    } else {
                        LOG.warn("verify: {}; first differences: {}", report.summary(), report.first().stream()
                                .limit(5).toList());
                    }
                } catch (RuntimeException e) {
                    LOG.error("verify failed", e);
                    runs.failed(id, e.getMessage());
                }
                return id;
            } finally {
                ask(lock, "SELECT pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            LOG.error("verify could not start", e);
            return -1;
        }
    }

    /** Whether a run holds the lock, on any node. */
    public boolean running() {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                     + "AND granted AND ((classid::bigint << 32) | objid::bigint) = ?")) {
            ps.setLong(1, LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean ask(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
