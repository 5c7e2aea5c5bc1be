package cn.moralbank.points.deed;

import cn.moralbank.points.common.CommandSideLookup;
import cn.moralbank.points.common.TransactionLocks;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.DeedRejected;
import cn.moralbank.points.deed.api.DeedReported;
import cn.moralbank.points.deed.api.DeedRevoked;
import cn.moralbank.points.deed.api.DeedWithdrawn;
import cn.moralbank.points.rules.Rule;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.time.LocalDate;

/**
 * How often a household has used a rule in a period: every deed reported and not rejected, withdrawn or revoked
 * (pending, under review, posted or credited). Written in the reporting command's transaction (a subscribing
 * processor), and the reporting service holds a lock per household and rule while it counts and reports, so the
 * limit holds even for two reports sent at the same moment.
 */
@Singleton
@ProcessingGroup(DeedLimitLookup.NAME)
class DeedLimitLookup implements CommandSideLookup {
    static final String NAME = "deed-limits";

    private final Uses uses;
    private final TransactionLocks locks;

    DeedLimitLookup(Uses uses, TransactionLocks locks) {
        this.uses = uses;
        this.locks = locks;
    }

    /** Serialises reports of one household under one rule until the caller's transaction ends. */
    void lock(String householdId, Rule rule) {
        locks.hold("deed-limit/" + householdId + "/" + rule.id().value());
    }

    long used(String householdId, Rule rule, LocalDate from, LocalDate to) {
        return uses.countUses(householdId, rule.id().value(), from, to);
    }

    @EventHandler
    void on(DeedReported e) {
        uses.save(new Use(e.deedId().value(), e.householdId().value(), e.rule().ruleId().value(), e.deedDate(), true));
    }

    @EventHandler
    void on(DeedRejected e) {
        release(e.deedId());
    }

    @EventHandler
    void on(DeedWithdrawn e) {
        release(e.deedId());
    }

    @EventHandler
    void on(DeedRevoked e) {
        release(e.deedId());
    }

    private void release(DeedId deed) {
        uses.release(deed.value());
    }

    @MappedEntity("deed_limit_use")
    record Use(@Id String deedId, String householdId, long ruleId, LocalDate deedDate, boolean counts) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Uses extends CrudRepository<Use, String> {
        @Query("""
                SELECT count(*) FROM deed_limit_use
                WHERE household_id = :householdId AND rule_id = :ruleId AND counts
                  AND deed_date BETWEEN :from AND :to""")
        long countUses(String householdId, long ruleId, LocalDate from, LocalDate to);

        @Query("UPDATE deed_limit_use SET counts = false WHERE deed_id = :deedId")
        void release(String deedId);
    }
}
