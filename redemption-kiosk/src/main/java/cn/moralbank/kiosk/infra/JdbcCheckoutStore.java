package cn.moralbank.kiosk.infra;

import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.checkout.CheckoutLineRecord;
import cn.moralbank.kiosk.checkout.CheckoutOutcome;
import cn.moralbank.kiosk.checkout.CheckoutPlan;
import cn.moralbank.kiosk.checkout.CheckoutRecord;
import cn.moralbank.kiosk.checkout.CheckoutStore;
import cn.moralbank.kiosk.checkout.CheckoutVoucherRecord;
import cn.moralbank.points.common.DatabaseFailures;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.voucher.VoucherView;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashSet;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;

/**
 * The checkouts in PostgreSQL (V23__checkout.sql and later). A checkout's id is held with a transaction-level
 * advisory lock: {@link #hold} in the transaction that runs the checkout or refunds it, {@link AdvisoryCheckoutLock}
 * on a connection of its own for an unfinished checkout of an earlier version.
 */
@Singleton
final class JdbcCheckoutStore implements CheckoutStore {
    private final CheckoutRepositories.Checkouts checkouts;
    private final CheckoutRepositories.Lines lines;
    private final CheckoutRepositories.Vouchers paidWith;
    private final TransactionOperations<Connection> transactions;
    private final DataSource dataSource;
    private final JdbcOperations jdbc;
    private final DatabaseFailures failures;

    JdbcCheckoutStore(CheckoutRepositories.Checkouts checkouts, CheckoutRepositories.Lines lines,
                      CheckoutRepositories.Vouchers paidWith, TransactionOperations<Connection> transactions,
                      DataSource dataSource, JdbcOperations jdbc, DatabaseFailures failures) {
        this.jdbc = jdbc;
        this.failures = failures;
        this.checkouts = checkouts;
        this.lines = lines;
        this.paidWith = paidWith;
        this.transactions = transactions;
        this.dataSource = dataSource;
    }

    @Override
    public boolean record(CheckoutId id, long supermarketId, String device, String basketHash, CheckoutPlan plan,
                          CheckoutOutcome outcome, Instant at) {
        return transactions.executeWrite(status -> {
            Household h = plan.cardHousehold();
            int claimed = checkouts.record(id.value(), supermarketId, device, basketHash, h == null ? null : h.id(),
                    h == null ? null : h.headName(), h == null ? null : h.cardNumber(), outcome.status().name(),
                    plan.total(), plan.cardPoints(), plan.voucherPoints(), plan.change(), plan.payer(), at,
                    outcome.balanceAfter(), outcome.refusalCode(), outcome.refusalArgs());
            if (claimed == 0) {
                return false;
            }
            int n = 0;
            for (CheckoutPlan.Line line : plan.lines()) {
                lines.save(new CheckoutLineRecord(new CheckoutLineRecord.Key(id.value(), n++), line.productId(),
                        line.productName(), line.unit(), line.quantity(), line.unitPoints(), line.monthlyLimit()));
            }
            n = 0;
            for (VoucherView v : plan.vouchers()) {
                paidWith.save(new CheckoutVoucherRecord(new CheckoutVoucherRecord.Key(id.value(), n++), v.serial(),
                        v.points(), v.householdId()));
            }
            return true;
        });
    }

    @Override
    public void hold(CheckoutId id) {
        try {
            jdbc.prepareStatement("SELECT 1 FROM pg_advisory_xact_lock(?, hashtext(?))", ps -> {
                ps.setInt(1, AdvisoryCheckoutLock.LOCK_CLASS);
                ps.setString(2, id.value());
                return ps.executeQuery().next();
            });
        } catch (RuntimeException e) {
            throw AdvisoryCheckoutLock.busyOr(failures, e);
        }
    }

    @Override
    public Optional<CheckoutRecord> settled(CheckoutId id) {
        return transactions.executeRead(status -> {
            hold(id);
            return checkouts.findById(id.value());
        });
    }

    @Override
    public boolean exists(CheckoutId id) {
        return checkouts.existsById(id.value());
    }

    @Override
    public Optional<CheckoutRecord> find(String checkoutId) {
        return checkouts.findById(checkoutId);
    }

    @Override
    public Optional<CheckoutRecord> byReceiptNo(long receiptNo) {
        return checkouts.findByReceiptNo(receiptNo);
    }

    @Override
    public List<CheckoutLineRecord> lines(String checkoutId) {
        return lines.of(checkoutId);
    }

    @Override
    public List<CheckoutVoucherRecord> vouchers(String checkoutId) {
        return paidWith.of(checkoutId);
    }

    @Override
    public Set<Integer> refundedLineNos(String checkoutId) {
        return new HashSet<>(checkouts.refundedLineNos(checkoutId));
    }

    @Override
    public Map<Integer, Long> refundedLines(String checkoutId) {
        return jdbc.prepareStatement("SELECT line_no, points FROM checkout_line_refund WHERE checkout_id = ?", ps -> {
            ps.setString(1, checkoutId);
            Map<Integer, Long> refunded = new TreeMap<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    refunded.put(rs.getInt(1), rs.getLong(2));
                }
            }
            return refunded;
        });
    }

    @Override
    public void refunded(String checkoutId, String by, String reason, Instant at) {
        latestRefund(checkoutId, true, by, reason, at);
    }

    @Override
    public void linesRefunded(String checkoutId, List<Integer> lineNos, List<Long> points, String by, String reason,
                              Instant at, boolean all) {
        jdbc.prepareStatement("""
                INSERT INTO checkout_line_refund (checkout_id, line_no, points, refunded_at, refunded_by, reason)
                VALUES (?, ?, ?, ?, ?, ?)""", ps -> {
            for (int i = 0; i < lineNos.size(); i++) {
                ps.setString(1, checkoutId);
                ps.setInt(2, lineNos.get(i));
                ps.setLong(3, points.get(i));
                ps.setTimestamp(4, Timestamp.from(at));
                ps.setString(5, by);
                ps.setString(6, reason);
                ps.addBatch();
            }
            return ps.executeBatch();
        });
        latestRefund(checkoutId, all, by, reason, at);
    }

    /** The latest refund on the checkout; {@code all}: nothing is left to refund, the checkout is REFUNDED. */
    private void latestRefund(String checkoutId, boolean all, String by, String reason, Instant at) {
        jdbc.prepareStatement("""
                UPDATE checkout SET status = CASE WHEN ? THEN 'REFUNDED' ELSE status END, refunded_at = ?,
                  refunded_by = ?, refund_reason = ? WHERE checkout_id = ?""", ps -> {
            ps.setBoolean(1, all);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, by);
            ps.setString(4, reason);
            ps.setString(5, checkoutId);
            return ps.executeUpdate();
        });
    }

    @Override
    public List<CheckoutRecord> between(long supermarketId, Instant from, Instant to) {
        return checkouts.between(supermarketId, from, to);
    }

    @Override
    public List<CheckoutRecord> refundedBetween(long supermarketId, Instant from, Instant to) {
        return checkouts.refundedBetween(supermarketId, from, to);
    }

    @Override
    public List<String> unfinishedBefore(Instant before) {
        return checkouts.unfinishedBefore(before);
    }

    @Override
    public Optional<Lock> tryLock(String checkoutId) {
        return AdvisoryCheckoutLock.tryLock(dataSource, failures, checkoutId);
    }
}
