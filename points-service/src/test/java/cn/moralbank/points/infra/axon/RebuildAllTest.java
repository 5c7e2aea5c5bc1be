package cn.moralbank.points.infra.axon;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.DebitCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replay command's way of rebuilding everything: one processor reads the event store once for every
 * projection, then hands each projection's own processor tokens at the position it reached.
 */
@MicronautTest(transactional = false)
class RebuildAllTest extends DatabaseTest {
    private static final Actor ADMIN = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/130826/", null, null);

    @Inject Ledger ledger;
    @Inject ProjectionReplay replay;
    @Inject DataSource dataSource;
    @Inject AxonSettings settings;
    @Inject Configuration axon;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("moralbank.axon.rebuild-all", "true");
        return props;
    }

    @Test
    void everyProjectionIsRebuiltFromOneReadAndEachContinuesFromWhereTheRebuildStopped() {
        Sql sql = new Sql(dataSource);
        HouseholdId household = HouseholdId.newId();
        ledger.open(ADMIN, household, 60);
        ledger.credit(ADMIN, new CreditCommand(household, new EntryId("d-1"), 10, "deed", "助人为乐"));
        ledger.debit(ADMIN, new DebitCommand(household, new EntryId("c-1"), 30, "checkout", "兑换"));
        // the rebuilding processor started at the head and follows what comes after it
        Eventually.until("the rebuilding processor follows new events", () -> sql.count(
                "SELECT count(*) FROM passbook_entry WHERE household_id = ?", household.value()) == 3);
        sql.update("DELETE FROM passbook_entry");
        sql.update("DELETE FROM account_balance");
        // a partial index's condition is compared as PostgreSQL reads it (its text may be written back otherwise)
        String indexes = "SELECT string_agg(concat_ws(' ', c.relname, t.relname, x.indkey::text, x.indclass::text,"
                + " x.indisunique, x.indoption::text, pg_get_expr(x.indpred, x.indrelid) IS NOT NULL), E'\\n'"
                + " ORDER BY c.relname) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid"
                + " JOIN pg_class t ON t.oid = x.indrelid WHERE t.relnamespace = current_schema()::regnamespace";
        Object before = sql.single(indexes);

        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        assertEquals(0, replay.replay(null, new PrintStream(progress)));

        String out = progress.toString();
        assertTrue(out.contains("Rebuilding ledger-passbook") && out.contains("Rebuilding rankings"), out);
        assertTrue(out.contains("Indexes built again:"), "the read models' secondary indexes were set aside: " + out);
        assertEquals(before, sql.single(indexes), "every index is back as it was");
        assertEquals(0, sql.count("SELECT count(*) FROM deferred_index"));
        assertEquals(3, sql.count("SELECT count(*) FROM passbook_entry WHERE household_id = ?", household.value()),
                "the passbook rebuilt from the events");
        assertEquals(40, sql.count("SELECT balance FROM account_balance WHERE household_id = ?", household.value()));
        long head = sql.count("SELECT max(global_index) FROM domain_event_entry");
        assertEquals(0, sql.count("SELECT count(*) FROM token_entry WHERE processor_name = ?",
                ProjectionReplay.REBUILD), "the rebuild's own tokens are dropped");
        assertEquals(settings.segments(), sql.count("SELECT count(*) FROM token_entry WHERE processor_name = ?",
                ProjectionProcessors.LIVE), "the one live processor has a token for each segment");
        for (String projection : new String[]{"ledger-passbook", "deed-views", "rankings", "voucher-views",
                "rating-views"}) {
            assertEquals(0, sql.count("SELECT count(*) FROM token_entry WHERE processor_name IN (?, ?)",
                    projection, ProjectionHandOver.PREFIX + projection), projection + " has no tokens of its own");
        }
        assertTrue(out.contains(String.format("continue from event %,d", head)), out);
    }

    @Test
    void aRebuildStoppedHalfWayWithOtherSegmentsLeavesNoHouseholdOut() {
        Sql sql = new Sql(dataSource);
        List<HouseholdId> households = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            HouseholdId household = HouseholdId.newId();
            ledger.open(ADMIN, household, 60);
            ledger.credit(ADMIN, new CreditCommand(household, new EntryId("d-" + i), 10, "deed", "助人为乐"));
            households.add(household);
        }
        // an earlier rebuild, stopped half-way, left tokens for 8 segments (the rebuild runs on fewer now)
        axon.getComponent(TransactionManager.class).executeInTransaction(() -> {
            TokenStore tokens = axon.getComponent(TokenStore.class);
            for (int segment : tokens.fetchSegments(ProjectionReplay.REBUILD)) {
                tokens.fetchToken(ProjectionReplay.REBUILD, segment);
                tokens.deleteToken(ProjectionReplay.REBUILD, segment);
            }
            tokens.initializeTokenSegments(ProjectionReplay.REBUILD, 8);
        });
        sql.update("DELETE FROM account_balance");

        assertEquals(0, replay.replay(null, new PrintStream(new ByteArrayOutputStream())));

        for (HouseholdId household : households) {
            assertEquals(70, sql.count("SELECT balance FROM account_balance WHERE household_id = ?",
                    household.value()), "household " + household.value() + " rebuilt");
        }
    }
}
