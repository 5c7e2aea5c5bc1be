package cn.moralbank.points.deed;

import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.DeedStatus;
import cn.moralbank.points.deed.api.VoteChoice;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.rules.Category;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.DeedPath;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A due deed the ledger refuses (here: more points than one entry may move, as a rule of Long.MIN_VALUE once made)
 * must not hold up the settlements behind it: the objection-period job takes the oldest due deeds first, so without
 * setting it aside a batch of such deeds would block every settlement in the county for ever (issue 14). The batch is
 * one deed here, so the bad deed, the oldest, would be the whole batch of every run.
 */
@MicronautTest(transactional = false)
class BadDueDeedTest extends DatabaseTest {
    @Inject ApplicationContext context;
    @Inject DeedReports reports;
    @Inject ReviewSessions sessions;
    @Inject DeedQueries queries;
    @Inject ObjectionPeriodProcess objectionPeriod;
    @Inject CommandGateway gateway;
    @Inject Ledger ledger;
    @Inject MovableClock clock;
    @Inject DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("moralbank.deeds.objection-job.enabled", "false");
        properties.put("moralbank.deeds.notice-batch", "1");
        return properties;
    }

    @Test
    void aDueDeedTheLedgerRefusesIsSetAsideAndTheDeedsBehindItAreSettled() {
        DeedWorld world = new DeedWorld(context, "B");
        LocalDate today = LocalDate.now(clock);
        // the bad deed: confirmed, then refused by the ledger (as a rule of Long.MIN_VALUE points once made it)
        DeedPath path = new DeedPath(gateway, ledger);
        DeedId bad = path.report(world.gridWorker1, world.wang.householdId(), world.village, Category.SOCIAL,
                5_000_000, today, clock.instant());
        assertThrows(BadInput.class,
                () -> path.confirm(bad, clock.instant(), clock.instant().plus(Duration.ofDays(8))));
        awaitStatus(world, bad, DeedStatus.CONFIRMED);
        clock.advance(Duration.ofMinutes(10));
        DeedId good = reports.report(world.gridWorker1, new DeedReport(world.li.householdId(), world.helping.id(),
                today, "帮五保户修房顶", null, null));
        awaitStatus(world, good, DeedStatus.PENDING);
        sessions.prepare(world.admin, world.village.id(), "评议会", null, List.of(good));
        awaitStatus(world, good, DeedStatus.UNDER_REVIEW);
        for (int i = 0; i < 3; i++) {
            sessions.vote(world.committee.get(i), good, VoteChoice.APPROVE, null);
        }
        awaitStatus(world, good, DeedStatus.POSTED);

        clock.advance(Duration.ofDays(8));
        Sql sql = new Sql(dataSource);
        assertEquals(0, objectionPeriod.settleDue(), "the oldest due deed is refused by the ledger");
        assertEquals("ledger.points.too-large", sql.single(
                "SELECT error FROM deed_settlement_set_aside WHERE deed_id = ?", bad.value()));
        assertEquals(1, objectionPeriod.settleDue(), "the next run goes on with the deed behind it");
        awaitStatus(world, good, DeedStatus.CREDITED);
        assertEquals(0, objectionPeriod.settleDue());
        assertEquals(ObjectionPeriodProcess.SET_ASIDE_AFTER, ((Number) sql.single(
                "SELECT attempts FROM deed_settlement_set_aside WHERE deed_id = ?", bad.value())).intValue(),
                "a deed set aside is not tried again run after run");
    }

    private void awaitStatus(DeedWorld world, DeedId deed, DeedStatus status) {
        Eventually.until(deed.value() + " " + status, () -> {
            try {
                return queries.deed(world.admin, deed).status() == status;
            } catch (NotFound notYet) {
                return false;
            }
        });
    }
}
