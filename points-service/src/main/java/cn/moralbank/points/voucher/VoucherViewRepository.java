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

    @Query("""
            SELECT * FROM voucher_view WHERE village_path LIKE :pathPrefix || '%'
            ORDER BY issued_at DESC, serial DESC LIMIT :limit""")
    List<VoucherView> newestUnder(String pathPrefix, int limit);
}
