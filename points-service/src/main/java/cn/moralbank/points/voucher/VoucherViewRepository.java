package cn.moralbank.points.voucher;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

/** The vouchers' read model, read here; only {@link VoucherViews} writes it. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface VoucherViewRepository extends CrudRepository<VoucherView, String> {

    List<VoucherView> findByBatchIdOrderBySerial(String batchId);

    List<VoucherView> findByHouseholdIdOrderByIssuedAtDesc(String householdId);

    /** By where the vouchers' households are now (a merged village's vouchers went with its households). */
    @Query("""
            SELECT v.* FROM voucher_view v JOIN household h ON h.id = v.household_id
            WHERE h.region_path LIKE :pathPrefix || '%'
            ORDER BY v.issued_at DESC, v.serial DESC LIMIT :limit""")
    List<VoucherView> newestUnder(String pathPrefix, int limit);
}
