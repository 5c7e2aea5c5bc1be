package cn.moralbank.points.infra.axon;

import cn.moralbank.points.common.BatchedStatements;
import cn.moralbank.points.common.Projection;
import cn.moralbank.points.ledger.api.PointsCredited;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test-only projection (only in contexts with {@code test.poison-probe=true}) whose handler throws for the
 * households named in {@link #POISONED}, as a projection with a bug for one kind of data would: each credit is
 * otherwise written, gathered per batch, to {@code poison_probe} (made by the test).
 */
@Singleton
@Requires(property = "test.poison-probe", value = "true")
@ProcessingGroup(PoisonProbeProjection.NAME)
class PoisonProbeProjection implements Projection {
    static final String NAME = "poison-probe";
    static final Set<String> POISONED = ConcurrentHashMap.newKeySet();
    /** Households for which the handler raises an Error (as a stack overflow or an assertion would), not an exception. */
    static final Set<String> ERRORED = ConcurrentHashMap.newKeySet();

    private final BatchedStatements statements;

    PoisonProbeProjection(BatchedStatements statements) {
        this.statements = statements;
    }

    @EventHandler
    void on(PointsCredited event, @MessageIdentifier String eventId, @SequenceNumber long seq) {
        String household = event.householdId().value();
        // a write gathered before the throw: isolation must roll it back with the failed event
        statements.add(NAME, household, "INSERT INTO poison_probe (event_id, household_id, seq, points) "
                + "VALUES (?, ?, ?, ?)", eventId, household, seq, event.points());
        if (ERRORED.contains(household)) {
            throw new AssertionError("injected: an Error for household " + household);
        }
        if (POISONED.contains(household)) {
            throw new IllegalStateException("injected: the probe cannot handle household " + household);
        }
    }
}
