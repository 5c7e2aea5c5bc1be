package cn.moralbank.kiosk.stock;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The stock read models' repositories; only {@link StockViews} writes them. */
final class StockViewRepositories {
    private StockViewRepositories() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Levels extends CrudRepository<StockLevel, StockLevel.Key> {
        @Query("SELECT * FROM stock_level WHERE supermarket_id = :supermarketId")
        List<StockLevel> findBySupermarketId(long supermarketId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Donations extends CrudRepository<DonationLineView, DonationLineView.Key> {
        @Query("""
                SELECT * FROM donation_line_view WHERE supermarket_id = :supermarketId
                ORDER BY received_on DESC, recorded_at DESC, product_name LIMIT :limit""")
        List<DonationLineView> newest(long supermarketId, int limit);

        @Query("""
                SELECT * FROM donation_line_view WHERE supermarket_id = :supermarketId
                  AND received_on BETWEEN :from AND :to
                ORDER BY received_on, recorded_at, product_name""")
        List<DonationLineView> between(long supermarketId, LocalDate from, LocalDate to);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Adjustments extends CrudRepository<AdjustmentView, String> {
        @Query("""
                SELECT * FROM stock_adjustment_view WHERE supermarket_id = :supermarketId
                ORDER BY recorded_at DESC LIMIT :limit""")
        List<AdjustmentView> newest(long supermarketId, int limit);

        @Query("""
                SELECT * FROM stock_adjustment_view WHERE supermarket_id = :supermarketId
                  AND recorded_at >= :from AND recorded_at < :to ORDER BY recorded_at""")
        List<AdjustmentView> between(long supermarketId, Instant from, Instant to);
    }
}
