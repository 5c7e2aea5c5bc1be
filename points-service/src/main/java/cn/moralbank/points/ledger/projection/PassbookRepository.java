package cn.moralbank.points.ledger.projection;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PassbookRepository extends CrudRepository<PassbookLine, String> {

    Page<PassbookLine> findByHouseholdIdOrderBySeqDesc(String householdId, Pageable pageable);

    long countByHouseholdId(String householdId);
}
