package cn.moralbank.kiosk.infra;

import cn.moralbank.kiosk.checkout.CheckoutLineRecord;
import cn.moralbank.kiosk.checkout.CheckoutRecord;
import cn.moralbank.kiosk.checkout.CheckoutVoucherRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The checkout's tables, for {@link JdbcCheckoutStore}. */
final class CheckoutRepositories {
    private CheckoutRepositories() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Checkouts extends CrudRepository<CheckoutRecord, String> {
        @Query("""
                INSERT INTO checkout (checkout_id, supermarket_id, device, basket_hash, household_id, household_name,
                  card_number, status, total_points, card_points, voucher_points, change_points, payer_household_id,
                  created_at, balance_after, refusal_code, refusal_args, finished_at)
                VALUES (:checkoutId, :supermarketId, :device, :basketHash, :householdId, :householdName, :cardNumber,
                  :status, :totalPoints, :cardPoints, :voucherPoints, :changePoints, :payerHouseholdId, :createdAt,
                  :balanceAfter, :refusalCode, :refusalArgs, :createdAt)
                ON CONFLICT (checkout_id) DO NOTHING""")
        int record(String checkoutId, long supermarketId, String device, String basketHash,
                   @Nullable String householdId,
                   @Nullable String householdName,
                   @Nullable String cardNumber, String status, long totalPoints,
                   long cardPoints, long voucherPoints, long changePoints, String payerHouseholdId, Instant createdAt,
                   @Nullable Long balanceAfter,
                   @Nullable String refusalCode,
                   @Nullable String refusalArgs);

        Optional<CheckoutRecord> findByReceiptNo(long receiptNo);

        @Query("SELECT line_no FROM checkout_line_refund WHERE checkout_id = :checkoutId")
        List<Integer> refundedLineNos(String checkoutId);

        @Query("""
                SELECT * FROM checkout WHERE supermarket_id = :supermarketId AND created_at >= :from
                  AND created_at < :to ORDER BY created_at""")
        List<CheckoutRecord> between(long supermarketId, Instant from, Instant to);

        @Query("""
                SELECT * FROM checkout WHERE supermarket_id = :supermarketId AND refunded_at >= :from
                  AND refunded_at < :to ORDER BY refunded_at""")
        List<CheckoutRecord> refundedBetween(long supermarketId, Instant from, Instant to);

        @Query("SELECT checkout_id FROM checkout WHERE status = 'STARTED' AND created_at < :before ORDER BY created_at LIMIT 50")
        List<String> unfinishedBefore(Instant before);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Lines extends CrudRepository<CheckoutLineRecord, CheckoutLineRecord.Key> {
        @Query("SELECT * FROM checkout_line WHERE checkout_id = :checkoutId ORDER BY line_no")
        List<CheckoutLineRecord> of(String checkoutId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Vouchers extends CrudRepository<CheckoutVoucherRecord, CheckoutVoucherRecord.Key> {
        @Query("SELECT * FROM checkout_voucher WHERE checkout_id = :checkoutId ORDER BY line_no")
        List<CheckoutVoucherRecord> of(String checkoutId);
    }
}
