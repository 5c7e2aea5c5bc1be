package cn.moralbank.points.voucher;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The serials an issue form claimed, so the same form submitted twice issues the same vouchers. */
@MappedEntity("voucher_batch")
record VoucherBatch(@Id String batchId, String householdId, String denominations, String serials, int issued,
                    String issuedBy, Instant createdAt) {

    List<Long> pointsList() {
        return Arrays.stream(denominations.split(",")).map(Long::valueOf).toList();
    }

    List<String> serialList() {
        return Arrays.asList(serials.split(","));
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Repository extends CrudRepository<VoucherBatch, String> {
        @Query("""
                INSERT INTO voucher_batch (batch_id, household_id, denominations, serials, issued_by, created_at)
                VALUES (:batchId, :householdId, :denominations, :serials, :issuedBy, :createdAt)
                ON CONFLICT (batch_id) DO NOTHING""")
        int claim(String batchId, String householdId, String denominations, String serials, String issuedBy,
                  Instant createdAt);

        @Query("SELECT nextval('voucher_serial_seq')")
        long nextSerial();

        @Query("UPDATE voucher_batch SET issued = greatest(issued, :issued) WHERE batch_id = :batchId")
        void issued(String batchId, int issued);
    }
}
