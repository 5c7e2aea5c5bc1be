package cn.moralbank.kiosk.sales;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SaleLineRepository extends CrudRepository<SaleLineView, SaleLineView.Key> {

    @Query("""
            SELECT * FROM sale_line_view WHERE supermarket_id = :supermarketId AND sold_on = :day
            ORDER BY sold_at, checkout_id, product_name""")
    List<SaleLineView> ofDay(long supermarketId, LocalDate day);

    @Query("""
            SELECT * FROM sale_line_view WHERE supermarket_id = :supermarketId AND returned_at >= :from
              AND returned_at < :to ORDER BY returned_at""")
    List<SaleLineView> returnedBetween(long supermarketId, Instant from, Instant to);
}
