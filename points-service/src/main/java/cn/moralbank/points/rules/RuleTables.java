package cn.moralbank.points.rules;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The catalog's tables. Plain rows rather than events: the catalog is master data that offices edit a few times a
 * year, versions are rows that are only ever added, and a deed records the (rule, version) it was judged by, so
 * history needs no replay. Only {@link RulesCatalog} touches them.
 */
final class RuleTables {
    private RuleTables() {
    }

    @MappedEntity("rule_item")
    record Item(@Id @GeneratedValue Long id, long countyId, @Nullable Long villageId, String code, String createdBy,
                Instant createdAt) {
    }

    @MappedEntity("rule_version")
    record Version(@Id @GeneratedValue Long id, long ruleId, long countyId, @Nullable Long villageId, String code,
                   int version, LocalDate validFrom, String name, Category category, long points, long minPoints,
                   long maxPoints, Evidence evidence, @Nullable Integer limitCount,
                   @Nullable LimitPeriod limitPeriod, String description, boolean active, String createdBy,
                   Instant createdAt) {

        Rule rule() {
            return new Rule(new RuleId(ruleId), countyId, villageId, code, version, validFrom, name, category, points,
                    minPoints, maxPoints, evidence, limitCount, limitPeriod, description, active);
        }
    }

    @MappedEntity("rule_switch_off")
    record SwitchOff(@Id @GeneratedValue Long id, long villageId, long ruleId, String reason, String switchedBy,
                     Instant switchedAt) {
    }

    @MappedEntity("rule_local_limits")
    record Limits(@Id Long countyId, long maxPoints, int maxRules) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Items extends CrudRepository<Item, Long> {
        @Query("""
                SELECT count(*) > 0 FROM rule_item
                WHERE county_id = :countyId AND coalesce(village_id, 0) = coalesce(:villageId, 0) AND code = :code""")
        boolean codeTaken(long countyId, @Nullable Long villageId, String code);

        long countByVillageId(long villageId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Versions extends CrudRepository<Version, Long> {
        @Query("""
                SELECT * FROM rule_version WHERE rule_id = :ruleId AND valid_from <= :on
                ORDER BY valid_from DESC LIMIT 1""")
        Optional<Version> inForce(long ruleId, LocalDate on);

        @Query("SELECT * FROM rule_version WHERE rule_id = :ruleId ORDER BY version DESC LIMIT 1")
        Optional<Version> latest(long ruleId);

        Optional<Version> findByRuleIdAndVersion(long ruleId, int version);

        List<Version> findByRuleIdOrderByVersion(long ruleId);

        /** The county's own rules in force on a date (retired ones included: the caller decides). */
        @Query("""
                SELECT DISTINCT ON (rule_id) * FROM rule_version
                WHERE county_id = :countyId AND village_id IS NULL AND valid_from <= :on
                ORDER BY rule_id, valid_from DESC""")
        List<Version> countyInForce(long countyId, LocalDate on);

        @Query("""
                SELECT DISTINCT ON (rule_id) * FROM rule_version
                WHERE village_id = :villageId AND valid_from <= :on
                ORDER BY rule_id, valid_from DESC""")
        List<Version> localInForce(long villageId, LocalDate on);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface SwitchOffs extends CrudRepository<SwitchOff, Long> {
        Optional<SwitchOff> findByVillageIdAndRuleId(long villageId, long ruleId);

        List<SwitchOff> findByVillageId(long villageId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface LimitsRepository extends CrudRepository<Limits, Long> {
    }
}
