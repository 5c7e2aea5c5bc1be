package cn.moralbank.points.deed;

import cn.moralbank.points.common.Commands;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.common.TransactionLocks;
import cn.moralbank.points.common.Transactions;
import cn.moralbank.points.deed.api.ConfirmDeedCommand;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.RecordCreditCommand;
import cn.moralbank.points.deed.api.Settlement;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryResult;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.PenaliseCommand;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The end of objection periods: every posted deed whose period has ended is confirmed and booked in the household's
 * account. Restart-safe by construction rather than by timers: it asks the read model which periods have ended (so
 * periods that ended while the application was down are found on the next run), the deed itself decides whether it
 * is due (an objection lodged in time wins), and the ledger entry id is derived from the deed, so a run repeated
 * after a crash, or by a second node, books nothing twice. Only one node runs it at a time (a PostgreSQL advisory
 * lock held for the run); each deed is settled in its own transaction, so one failure holds up no other.
 */
@Singleton
public class ObjectionPeriodProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectionPeriodProcess.class);
    /** The advisory lock's key: "deeds" in ASCII, unlikely to meet another lock of the application. */
    static final long LOCK_KEY = 0x6465656473L;
    /**
     * A refusal (of the ledger or the deed) sets a deed aside at once: it would be refused again on every run. Any
     * other failure (the database away) is tried again on the next runs, and set aside after this many.
     */
    static final int SET_ASIDE_AFTER = 3;
    /** The passbook's reason for a deed of a household merged into this one (合户) since it was reported. */
    static final String MERGED = "合户并入本户的农户的事迹：";

    private final Transactions transactions;
    private final SqlRows sql;
    private final TransactionLocks locks;
    private final DeedViewRepositories.Deeds deeds;
    private final Commands commands;
    private final Ledger ledger;
    private final DeedSettings settings;
    private final Households households;
    private final Clock clock;

    ObjectionPeriodProcess(Transactions transactions, SqlRows sql, TransactionLocks locks,
                        DeedViewRepositories.Deeds deeds, Commands commands, Ledger ledger,
                        DeedSettings settings, Households households, Clock clock) {
        this.households = households;
        this.transactions = transactions;
        this.sql = sql;
        this.locks = locks;
        this.deeds = deeds;
        this.commands = commands;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Settles the deeds whose objection period has ended by now. Answers how many were booked by this run; 0 when
     * another node holds the run.
     */
    public int settleDue() {
        return transactions.write(() -> {
            if (!locks.tryHold(LOCK_KEY)) {
                return 0;
            }
            Instant now = clock.instant();
            List<DeedView> due = deeds.due(now, settings.noticeBatch(), SET_ASIDE_AFTER);
            int booked = 0;
            for (DeedView deed : due) {
                try {
                    boolean bookedNow = transactions.own(() -> settle(deed.id(), now));
                    booked += bookedNow ? 1 : 0;
                } catch (RuntimeException e) {
                    setAside(deed, e, now);
                }
            }
            return booked;
        });
    }

    /**
     * Confirms one deed and books it; true when the ledger entry was made now (not before). Public for the demo
     * county, which settles the deeds of its made-up past while it loads, before any read model has caught up.
     * A household merged into another (合户) since its deed was reported has a closed account: the deed is booked
     * for the household that holds its points now, under the same entry id, its reason saying so (it was set aside,
     * never counted for anyone).
     */
    public boolean settle(DeedId id, Instant now) {
        Settlement settlement = commands.send(Actor.SYSTEM, new ConfirmDeedCommand(id, now));
        if (!settlement.due()) {
            return false;
        }
        String source = settlement.source();
        HouseholdId holder = households.holderNow(settlement.householdId());
        String reason = holder.equals(settlement.householdId()) ? settlement.reason()
                : MERGED + settlement.reason();
        long points = settlement.points();
        EntryResult result = points > 0
                ? ledger.credit(Actor.SYSTEM, new CreditCommand(holder, settlement.entryId(), points, source, reason))
                : ledger.penalise(Actor.SYSTEM, new PenaliseCommand(holder, settlement.entryId(), -points, source,
                        reason));
        commands.send(Actor.SYSTEM, new RecordCreditCommand(id, settlement.entryId(), result.balanceAfter()));
        return !result.repeated();
    }

    /**
     * Records a deed the job could not settle, in its own transaction, so the run goes on with the others and no
     * bad deed holds up the county's settlements: a refusal is set aside at once, another failure after
     * {@link #SET_ASIDE_AFTER} runs. Deleting its row has it tried again.
     */
    private void setAside(DeedView deed, RuntimeException failure, Instant now) {
        boolean refusal = failure instanceof BadInput;
        String error = failure instanceof BadInput b ? b.code() : failure.getClass().getSimpleName();
        LOG.warn("deed {} could not be settled ({}); {}", deed.deedId(), error,
                refusal ? "set aside" : "tried again on the next run");
        try {
            transactions.own(() -> sql.update(SET_ASIDE, deed.deedId(), deed.villagePath(), refusal ? SET_ASIDE_AFTER : 1,
                            error.length() > 200 ? error.substring(0, 200) : error, now, now));
        } catch (RuntimeException e) {
            LOG.warn("deed {} could not be set aside either: {}", deed.deedId(), e.toString());
        }
    }

    private static final String SET_ASIDE = """
            INSERT INTO deed_settlement_set_aside (deed_id, village_path, attempts, error, first_failed, last_failed)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (deed_id) DO UPDATE SET
                attempts = GREATEST(deed_settlement_set_aside.attempts + 1, excluded.attempts),
                error = excluded.error, last_failed = excluded.last_failed
            """;
}
