package cn.moralbank.points.infra.axon;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.ProjectionTokens;
import cn.moralbank.points.testing.Sql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The crash skip's first cause: a database restart that lost a projection's last committed batch (rows and token
 * together) while its work package, having seen no error, went on from the token it held in memory. Simulated here by
 * taking the batch's rows and token back by SQL; a restart of the database is then observed, and the processors must
 * read their tokens afresh from the database and handle the lost events again.
 */
@MicronautTest(transactional = false)
class ProcessorRecoveryTest extends DatabaseTest {
    private static final Actor ADMIN = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/130826/", null, null);

    @Inject Ledger ledger;
    @Inject DataSource dataSource;
    @Inject ProcessorRecovery recovery;
    @Inject Configuration axon;

    @Test
    void afterADatabaseRestartTheProcessorsGoOnFromTheStoredTokensNotFromMemory() throws Exception {
        Sql sql = new Sql(dataSource);
        HouseholdId household = HouseholdId.newId();
        ledger.open(ADMIN, household, 10);
        ledger.credit(ADMIN, new CreditCommand(household, new EntryId("r-1"), 5, "deed", "助人为乐"));
        Eventually.until("the credit on the passbook", () -> balance(sql, household) == 15);

        // what a crash does to a batch committed without waiting for the disk: gone, with its token
        ProjectionTokens tokens = new ProjectionTokens(dataSource, ProjectionProcessors.LIVE);
        int segment = tokens.segmentOf(household.value());
        long opening = sql.count("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = 0", household.value());
        sql.update("DELETE FROM passbook_entry WHERE household_id = ? AND seq = 1", household.value());
        sql.update("UPDATE account_balance SET balance = balance - 5, credited = credited - 5, entries = entries - 1 "
                + "WHERE household_id = ?", household.value());
        sql.update("UPDATE token_entry SET token = convert_to('{\"index\":" + opening + ",\"gaps\":[]}', 'UTF8') "
                + "WHERE processor_name = ? AND segment = ?", ProjectionProcessors.LIVE, segment);
        assertEquals(10, balance(sql, household));

        recovery.observe("started at one time");
        recovery.observe("started again");

        Eventually.until("the lost credit handled again", () -> balance(sql, household) == 15);
        assertEquals(2, sql.count("SELECT count(*) FROM passbook_entry WHERE household_id = ?", household.value()));
    }

    /**
     * The connection-cut flake's cause: a restart whose start failed (the database failed again while the processors
     * started) left the processor stopped for good, so its view never moved again. Now a processor the recovery
     * stopped is started again at every look until it runs. Its start is made to fail here by taking the token
     * table away while it starts.
     */
    @Test
    void aProcessorWhoseRestartFailedIsStartedAgainOnceTheDatabaseAnswers() throws Exception {
        Sql sql = new Sql(dataSource);
        HouseholdId household = openedOnThePassbook(sql);

        sql.update("ALTER TABLE token_entry RENAME TO token_entry_away");
        try {
            recovery.restartProcessors();
            assertFalse(recovery.waitingToStart().isEmpty(), "the starts failed while the tokens were away");
            assertFalse(passbook().isRunning(), "the passbook's processor could not start");
        } finally {
            sql.update("ALTER TABLE token_entry_away RENAME TO token_entry");
        }

        ledger.credit(ADMIN, new CreditCommand(household, new EntryId("r-2"), 7, "deed", "助人为乐"));
        try {
            Eventually.until("the credit on the passbook after the failed restart", () -> balance(sql, household) == 17);
        } catch (AssertionError stuck) {
            axon.eventProcessingConfiguration().eventProcessors().forEach((name, p) -> System.out.println(
                    name + " running " + p.isRunning() + " error " + p.isError() + " status "
                    + ((PooledStreamingEventProcessor) p).processingStatus()));
            System.out.println("waiting to start: " + recovery.waitingToStart());
            throw stuck;
        }
        // the passbook may run again before the processors after it in the same look: wait for all of them
        Eventually.until("every stopped processor running again", () -> recovery.waitingToStart().isEmpty()
                && axon.eventProcessingConfiguration().eventProcessors().values().stream()
                .allMatch(EventProcessor::isRunning));
    }

    /**
     * The connection-cut flake's second cause: a cut too short for the watch to see aborted a work package, and Axon
     * set its segment aside for a growing pause (up to a minute) while the database answered. Simulated by setting the
     * household's segment aside for five minutes: the watch must make it claimable within a few looks.
     */
    @Test
    void aSegmentSetAsideWhileTheDatabaseAnswersIsClaimedAgainWithinSeconds() {
        Sql sql = new Sql(dataSource);
        HouseholdId household = openedOnThePassbook(sql);
        var processor = (PooledStreamingEventProcessor) passbook();
        int segment = new ProjectionTokens(dataSource, ProjectionProcessors.LIVE).segmentOf(household.value());

        processor.releaseSegment(segment, 5, TimeUnit.MINUTES);
        Eventually.until("the segment released", () -> !processor.processingStatus().containsKey(segment));
        ledger.credit(ADMIN, new CreditCommand(household, new EntryId("r-3"), 4, "deed", "助人为乐"));

        Eventually.until("the credit on the passbook well before the five minutes", Duration.ofSeconds(30),
                () -> balance(sql, household) == 14);
    }

    /**
     * A burst of failures doubles the pause of a processor's coordinator (up to a minute), and it went on pausing after
     * the database was back. Simulated by taking the token table away for fifteen seconds: once it is back, the
     * processor must handle a new credit well within the pause Axon would have taken (16 to 32 s by then).
     */
    @Test
    void aProcessorPausingAfterErrorsIsRestartedOnceTheDatabaseAnswers() {
        Sql sql = new Sql(dataSource);
        HouseholdId household = openedOnThePassbook(sql);

        sql.update("ALTER TABLE token_entry RENAME TO token_entry_away");
        try {
            // fifteen seconds without the token table: whatever failed meanwhile (the coordinator's claims, the work
            // packages' claim extensions; since the streams call the coordinator back on new events, an idle one
            // may meet the missing table only at its next claim round), the passbook must move again soon after
            long away = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            Eventually.until("fifteen seconds of errors", Duration.ofSeconds(30),
                    () -> System.nanoTime() > away);
        } finally {
            sql.update("ALTER TABLE token_entry_away RENAME TO token_entry");
        }
        ledger.credit(ADMIN, new CreditCommand(household, new EntryId("r-4"), 6, "deed", "助人为乐"));

        Eventually.until("the credit on the passbook well within Axon's pause", Duration.ofSeconds(12),
                () -> balance(sql, household) == 16);
    }

    /** A new household opened with 10 points, its opening already on the passbook. */
    private HouseholdId openedOnThePassbook(Sql sql) {
        HouseholdId household = HouseholdId.newId();
        ledger.open(ADMIN, household, 10);
        Eventually.until("the opening on the passbook", () -> balance(sql, household) == 10);
        return household;
    }

    private EventProcessor passbook() {
        return axon.eventProcessingConfiguration().eventProcessor(ProjectionProcessors.LIVE).orElseThrow();
    }

    private static long balance(Sql sql, HouseholdId household) {
        Object balance = sql.single("SELECT balance FROM account_balance WHERE household_id = ?", household.value());
        return balance == null ? -1 : ((Number) balance).longValue();
    }
}
