package cn.moralbank.points.voucher;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

/** Only {@link VoucherViews} writes it. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface VoucherViewRepository extends CrudRepository<VoucherView, String> {

    List<VoucherView> findByBatchIdOrderBySerial(String batchId);

    List<VoucherView> findByHouseholdIdOrderByIssuedAtDesc(String householdId);

    @Query("""
            SELECT * FROM voucher_view WHERE village_path LIKE :pathPrefix || '%'
            ORDER BY issued_at DESC, serial DESC LIMIT :limit""")
    List<VoucherView> newestUnder(String pathPrefix, int limit);

    @Query("""
            UPDATE voucher_view SET status = 'REDEEMED', redemption_ref = :ref, supermarket = :supermarket,
              redeemed_at = :at, seq = :seq WHERE serial = :serial AND seq < :seq""")
    void redeemed(String serial, String ref, String supermarket, Instant at, long seq);

    @Query("""
            UPDATE voucher_view SET status = 'ISSUED', redemption_ref = NULL, supermarket = NULL, redeemed_at = NULL,
              seq = :seq WHERE serial = :serial AND seq < :seq""")
    void redemptionCancelled(String serial, long seq);

    @Query("""
            UPDATE voucher_view SET status = 'VOIDED', void_reason = :reason, voided_at = :at, seq = :seq
            WHERE serial = :serial AND seq < :seq""")
    void voided(String serial, String reason, Instant at, long seq);

    @Query("""
            INSERT INTO voucher_view (serial, household_id, points, county_path, village_path, batch_id, status,
              issued_at, issued_by, seq)
            VALUES (:serial, :householdId, :points, :countyPath, :villagePath, :batchId, 'ISSUED', :issuedAt,
              :issuedBy, :seq)
            ON CONFLICT (serial) DO NOTHING""")
    void issued(String serial, String householdId, long points, String countyPath, String villagePath,
                String batchId, Instant issuedAt, String issuedBy, long seq);
}
