package cn.moralbank.kiosk.model;

import cn.moralbank.points.infra.axon.ProjectionReplay;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.points.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.config.Configuration;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Model-based random testing of the whole product against the real application and PostgreSQL: random sequences of
 * deed reports, review sessions, committee votes, objections, time passing (the objection-period job then books what
 * is due), revocations, credits and penalties, reversals, vouchers issued and voided, kiosk checkouts with card
 * and vouchers against a supermarket's stock, refunds, donations, and retries with the same id (and ids reused with
 * another body), on three households of 河东村 and its love supermarket. {@link CountyRun} compares every answer and
 * the read models with {@link CountyModel} after every step, and checks invariants 1, 7 and 9 at the end of each
 * sequence; {@link #everyProjectionRebuiltFromTheEventsEqualsTheLiveOne} checks invariant 8.
 *
 * <p>A failure prints the step that failed and jqwik's seed: replay it with {@code @Property(seed = "...")}.
 * Shrinking is off: each sample writes to the shared database, and jqwik's shrinking timeout leaves a candidate
 * running into the next property; to shrink a failure, replay its seed with {@code shrinking = ShrinkingMode.FULL}.
 * CI tries 6 sequences (junit-platform.properties);
 * a long run: {@code ./mvnw -pl redemption-kiosk -am test -Dtest=CountyModelTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Djqwik.tries.default=500}.
 */
class CountyModelTest {
    private static ApplicationContext context;
    private static ModelWorld world;
    private static Sql sql;
    private static EventStoreChecks store;

    @BeforeContainer
    static void start() {
        Map<String, Object> props = new HashMap<>(TestDatabase.freshDatabaseProperties());
        props.put("moralbank.voucher-secret", "model-test-voucher-secret-model-test");
        props.put("moralbank.kiosk.recovery.enabled", "false");
        props.put("moralbank.deeds.objection-job.enabled", "false");
        props.put("moralbank.axon.snapshot-threshold", "7");
        context = ApplicationContext.builder().environments("test").properties(props).start();
        world = new ModelWorld(context);
        sql = new Sql(context.getBean(DataSource.class));
        store = new EventStoreChecks(sql, context.getBean(Configuration.class));
    }

    @AfterContainer
    static void stop() {
        System.out.printf("County model: %d sequences, %d steps (%s), %d refused as the model expected, "
                        + "%d invariant and read-model checks%n", CountyRun.SEQUENCES.get(), CountyRun.STEPS.get(),
                CountyRun.TRIED, CountyRun.REFUSED.get(), CountyRun.CHECKS.get());
        context.close();
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        return Step.sequences(8, 30);
    }

    @Property(afterFailure = AfterFailureMode.SAMPLE_FIRST, shrinking = ShrinkingMode.OFF)
    void theProductBehavesAsItsModelStepAfterStep(@ForAll("sequences") List<Step> steps) {
        new CountyRun(context, world, sql, store).run(steps);
    }

    /** Invariant 8: after random sequences, each projection rebuilt from the events equals the live one. */
    @Property(tries = 2, afterFailure = AfterFailureMode.SAMPLE_FIRST, shrinking = ShrinkingMode.OFF)
    void everyProjectionRebuiltFromTheEventsEqualsTheLiveOne(@ForAll("sequences") List<Step> steps)
            throws InterruptedException {
        new CountyRun(context, world, sql, store).run(steps);
        store.awaitProjections();
        Map<String, String> live = ReadModels.snapshot(sql);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        assertEquals(0, context.getBean(ProjectionReplay.class).replay(null, new PrintStream(progress)),
                progress.toString());
        store.awaitProjections();
        Map<String, String> rebuilt = ReadModels.snapshot(sql);
        for (int wait = 0; wait < 100 && !rebuilt.equals(live); wait++) {
            Thread.sleep(100);
            rebuilt = ReadModels.snapshot(sql);
        }
        for (String table : live.keySet()) {
            assertEquals(live.get(table), rebuilt.get(table), "the rebuilt " + table + " equals the live one");
        }
        CountyRun.CHECKS.addAndGet(live.size());
    }
}
