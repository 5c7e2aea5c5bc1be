package cn.moralbank.points.access;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Failed sign-ins and PINs counted in PostgreSQL, so every node sees the same counts: per account (growing delay),
 * per client address, per kiosk device. A subject is a kind and a key ({@code account:hedong.admin},
 * {@code address:203.0.113.7}, {@code device:hedong.kiosk1}); its row lives only while its failures are recent
 * ({@link #purge} deletes stale rows every minute), and callers count accounts only when they exist, so the table
 * is bounded by the people and by the addresses that failed in the last window.
 */
@Singleton
public class Throttles {
    /**
     * How a kind of subject is held back: {@code free} failures within {@code window} cost nothing; each one after
     * (the first at failure {@code free + 1}) blocks the subject for {@code delay}, doubled with every further failure up to {@code maxDelay} when growing.
     */
    public record Policy(String kind, int free, Duration window, Duration delay, Duration maxDelay, boolean growing) {
        Duration blockAfter(int failures) {
            if (failures <= free) {
                return Duration.ZERO;
            }
            if (!growing) {
                return maxDelay;
            }
            int doublings = Math.min(failures - free - 1, 20);
            Duration grown = delay.multipliedBy(1L << doublings);
            return grown.compareTo(maxDelay) > 0 ? maxDelay : grown;
        }
    }

    /** Passwords per account: a delay that grows (15 s, 30 s, 1 min ... at most 5 min), never a long lock. */
    public static final Policy ACCOUNT = new Policy("account", 5, Duration.ofMinutes(15), Duration.ofSeconds(15),
            Duration.ofMinutes(5), true);
    /** Passwords and PINs per client address: twenty wrong in a quarter of an hour block the address for 15 min. */
    public static final Policy ADDRESS = new Policy("address", 19, Duration.ofMinutes(15), Duration.ofMinutes(15),
            Duration.ofMinutes(15), false);
    /** Wrong PINs per kiosk device, on any cards: twenty in a quarter of an hour stop the kiosk for 15 min. */
    public static final Policy DEVICE = new Policy("device", 19, Duration.ofMinutes(15), Duration.ofMinutes(15),
            Duration.ofMinutes(15), false);
    private static final Duration LONGEST_WINDOW = Duration.ofMinutes(15);

    /** A subject held back now, for the county office's page. */
    public record Lock(String subject, String kind, String key, int failures, Instant lastFailure, Instant until) {
    }

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    Throttles(JdbcOperations jdbc, TransactionOperations<Connection> transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public static String subject(Policy policy, String key) {
        return policy.kind() + ":" + key;
    }

    /** How long the subject must still wait before its next try; empty when it may try now. */
    public Optional<Duration> waiting(Policy policy, String key) {
        Instant now = clock.instant();
        Instant until = transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT blocked_until FROM access_throttle WHERE subject = ?", ps -> {
                    ps.setString(1, subject(policy, key));
                    var rs = ps.executeQuery();
                    Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
                    return t == null ? null : t.toInstant();
                }));
        return until != null && until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** Counts one failure (a fresh count once the window since the first has passed); answers the block it causes. */
    public Duration failed(Policy policy, String key) {
        Instant now = clock.instant();
        String subject = subject(policy, key);
        return transactions.executeWrite(status -> {
            int failures = jdbc.prepareStatement("""
                    INSERT INTO access_throttle (subject, failures, first_failure_at, last_failure_at)
                    VALUES (?, 1, ?, ?)
                    ON CONFLICT (subject) DO UPDATE SET
                      failures = CASE WHEN access_throttle.first_failure_at < ? THEN 1
                                      ELSE access_throttle.failures + 1 END,
                      first_failure_at = CASE WHEN access_throttle.first_failure_at < ? THEN excluded.first_failure_at
                                              ELSE access_throttle.first_failure_at END,
                      last_failure_at = excluded.last_failure_at
                    RETURNING failures""", ps -> {
                ps.setString(1, subject);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setTimestamp(4, Timestamp.from(now.minus(policy.window())));
                ps.setTimestamp(5, Timestamp.from(now.minus(policy.window())));
                var rs = ps.executeQuery();
                rs.next();
                return rs.getInt(1);
            });
            Duration block = policy.blockAfter(failures);
            if (!block.isZero()) {
                jdbc.prepareStatement("UPDATE access_throttle SET blocked_until = ? WHERE subject = ?", ps -> {
                    ps.setTimestamp(1, Timestamp.from(now.plus(block)));
                    ps.setString(2, subject);
                    return ps.executeUpdate();
                });
            }
            return block;
        });
    }

    /** A success forgets the subject's failures. */
    public void cleared(Policy policy, String key) {
        lift(subject(policy, key));
    }

    /** Lifts a block (the county office's page): the subject may try again at once, with a fresh count. */
    public boolean lift(String subject) {
        return transactions.executeWrite(status -> jdbc.prepareStatement(
                "DELETE FROM access_throttle WHERE subject = ?", ps -> {
                    ps.setString(1, subject);
                    return ps.executeUpdate();
                })) > 0;
    }

    /** Every subject held back now, the longest wait first. */
    public List<Lock> locks() {
        Instant now = clock.instant();
        return transactions.executeRead(status -> jdbc.prepareStatement("""
                SELECT subject, failures, last_failure_at, blocked_until FROM access_throttle
                WHERE blocked_until > ? ORDER BY blocked_until DESC, subject LIMIT 500""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            var rs = ps.executeQuery();
            List<Lock> locks = new ArrayList<>();
            while (rs.next()) {
                String subject = rs.getString(1);
                int colon = subject.indexOf(':');
                locks.add(new Lock(subject, subject.substring(0, colon), subject.substring(colon + 1), rs.getInt(2),
                        rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()));
            }
            return locks;
        }));
    }

    /** Deletes the rows whose failures are older than every window and whose block has ended. */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    public int purge() {
        Instant now = clock.instant();
        return transactions.executeWrite(status -> jdbc.prepareStatement("""
                DELETE FROM access_throttle WHERE last_failure_at < ?
                  AND (blocked_until IS NULL OR blocked_until < ?)""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now.minus(LONGEST_WINDOW)));
            ps.setTimestamp(2, Timestamp.from(now));
            return ps.executeUpdate();
        }));
    }
}
