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
              redeemed_at = :at WHERE serial = :serial""")
    void redeemed(String serial, String ref, String supermarket, Instant at);

    @Query("""
            UPDATE voucher_view SET status = 'ISSUED', redemption_ref = NULL, supermarket = NULL, redeemed_at = NULL
            WHERE serial = :serial""")
    void redemptionCancelled(String serial);

    @Query("UPDATE voucher_view SET status = 'VOIDED', void_reason = :reason, voided_at = :at WHERE serial = :serial")
    void voided(String serial, String reason, Instant at);
}
