package cn.moralbank.web.verify;

import cn.moralbank.points.common.RunLocks;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs verify inside the application, for the nightly schedule ({@link VerifySchedule}) and the operations page's
 * "verify now", and stores the result ({@link VerifyRuns}). One node at a time: a run holds its lock
 * ({@link RunLocks}) for as long as it lasts, and a node that cannot take it leaves the run to the node that holds it;
 * a node that dies mid-run frees it.
 */
@Singleton
public class VerifyJob {
    static final long LOCK = 0x6d62_7665_7269_6679L; // "mbverify"
    private static final Logger LOG = LoggerFactory.getLogger(VerifyJob.class);
    private final Verifier verifier;
    private final VerifyRuns runs;
    private final RunLocks locks;
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "moralbank-verify");
        thread.setDaemon(true);
        return thread;
    });

    VerifyJob(Verifier verifier, VerifyRuns runs, RunLocks locks) {
        this.verifier = verifier;
        this.runs = runs;
        this.locks = locks;
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
        Optional<RunLocks.Held> lock;
        try {
            lock = locks.tryHold(LOCK);
        } catch (IllegalStateException e) {
            LOG.error("verify could not start", e);
            return -1;
        }
        if (lock.isEmpty()) {
            LOG.info("verify skipped: another run holds the lock");
            return -1;
        }
        try (RunLocks.Held held = lock.get()) {
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
        }
    }

    /** Whether a run holds the lock, on any node. */
    public boolean running() {
        return locks.held(LOCK);
    }
}
