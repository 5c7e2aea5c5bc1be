package cn.moralbank.points.ledger.projection;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AccountBalanceRepository extends CrudRepository<AccountBalance, String> {

    @Query("""
            INSERT INTO account_balance (household_id, balance, credited, penalised, debited, reversed, entries, last_entry_at)
            VALUES (:householdId, :balanceAfter, :credited, :penalised, :debited, :reversed, :entries, :at)
            ON CONFLICT (household_id) DO UPDATE SET
              balance = :balanceAfter,
              credited = account_balance.credited + :credited,
              penalised = account_balance.penalised + :penalised,
              debited = account_balance.debited + :debited,
              reversed = account_balance.reversed + :reversed,
              entries = account_balance.entries + :entries,
              last_entry_at = :at""")
    void record(String householdId, long balanceAfter, long credited, long penalised, long debited, long reversed,
                int entries, Instant at);

    List<AccountBalance> findByHouseholdIdIn(Collection<String> householdIds);
}
