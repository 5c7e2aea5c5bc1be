package cn.moralbank.points.access;

import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.common.Transactions;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.jmolecules.architecture.onion.simplified.ApplicationRing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Failed sign-ins and PINs counted in PostgreSQL, so every node sees the same counts: per account (growing delay),
 * per client address, per kiosk device. A subject is a kind and a key ({@code account:hedong.admin},
 * {@code address:203.0.113.7}, {@code device:hedong.kiosk1}); its row lives only while its failures are recent
 * ({@link #purge} deletes stale rows every minute), and callers count accounts only when they exist, so the table
 * is bounded by the people and by the addresses that failed in the last window.
 *
 * <p>Every write of the throttles commits on its own ({@link Transactions#own}), whatever transaction the caller is
 * in: a claimed try must stay counted when the caller's work is rolled back (a wrong current password refuses a
 * password change), and no throttle row stays locked while the caller goes on (bcrypt).
 */
@Singleton
@ApplicationRing
public class Throttles {
    /**
     * How a kind of subject is held back: {@code free} failures within {@code window} cost nothing; each one after
     * (the first at failure {@code free + 1}) blocks the subject for {@code delay}, doubled with every further failure up to {@code maxDelay} when growing.
     */
    public record Policy(String kind, int free, Duration window, Duration delay, Duration maxDelay, boolean growing) {
        public Duration blockAfter(int failures) {
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
    /**
     * Wrong PINs sent with retries of one finished checkout (by its request id): three, and that checkout's retries
     * are answered no more that day. A retry is not held back by its card's or kiosk's count (its checkout went
     * through), so this bounds the guesses a known request id would otherwise allow.
     */
    public static final Policy CHECKOUT_RETRY = new Policy("retry", 2, Duration.ofDays(1), Duration.ofDays(1),
            Duration.ofDays(1), false);
    private static final Duration LONGEST_WINDOW = Duration.ofMinutes(15);

    /** A subject held back now, for the county office's page. */
    public record Lock(String subject, String kind, String key, int failures, Instant lastFailure, Instant until) {
    }

    private final SqlRows sql;
    private final Transactions transactions;
    private final Clock clock;

    Throttles(SqlRows sql, Transactions transactions, Clock clock) {
        this.sql = sql;
        this.transactions = transactions;
        this.clock = clock;
    }

    public static String subject(Policy policy, String key) {
        return policy.kind() + ":" + (policy.kind().equals(ADDRESS.kind()) ? network(key) : key);
    }

    /**
     * The address a client is counted by: an IPv6 address by its /64, since one line (a household's, or an
     * attacker's) holds a whole /64 and could otherwise try from each of its addresses in turn; IPv4 as it is.
     */
    static String network(String address) {
        if (address == null || address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]{2,45}")) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /**
     * A try claimed before the secret is compared. Granted: the try is already counted as a failure (and the block
     * it would cause already set), so whatever happens next, parallel tries on any node see it; a right answer, or
     * a try that was not compared after all, gives it back with {@link #undo}. Refused: the subject must still wait
     * {@link #waiting()}, and nothing was counted.
     */
    public record Try(Policy policy, String key, Duration waiting, Instant windowStart, Instant blockSet) {
        public boolean granted() {
            return waiting == null;
        }

        /** Whole seconds still to wait (at least one), for Retry-After and the messages. */
        public long seconds() {
            return Math.max(1, (waiting.toMillis() + 999) / 1000);
        }
    }

    /** The subject's try was refused: it must wait. A 429 with Retry-After on the API, the page's message on pages. */
    public static class HeldBack extends RuntimeException {
        private final long seconds;

        public HeldBack(long seconds) {
            super("held back for " + seconds + " s", null, false, false);
            this.seconds = seconds;
        }

        public long seconds() {
            return seconds;
        }
    }

    /**
     * Claims one try of the subject, atomically in PostgreSQL, BEFORE the secret is compared: when the subject is
     * not held back, its count goes up by one (a fresh count once the window since the first failure has passed)
     * and, when that count is over the policy's free tries, the block is set now, in the same transaction. The
     * upsert locks the subject's row, and a parallel claim (on this node or another) waits for that lock and then
     * sees the count and block this one wrote: N parallel tries are compared at most as often as N tries one after
     * another would be. No lock is held while the secret hashes (bcrypt): the claim commits first.
     */
    public Try claim(Policy policy, String key) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String subject = subject(policy, key);
        Instant windowStart = now.minus(policy.window());
        return transactions.own(() -> {
            Object[] counted = sql.prepare("""
                    INSERT INTO access_throttle (subject, failures, first_failure_at, last_failure_at)
                    VALUES (?, 1, ?, ?)
                    ON CONFLICT (subject) DO UPDATE SET
                      failures = CASE WHEN access_throttle.first_failure_at < ? THEN 1
                                      ELSE access_throttle.failures + 1 END,
                      first_failure_at = CASE WHEN access_throttle.first_failure_at < ? THEN excluded.first_failure_at
                                              ELSE access_throttle.first_failure_at END,
                      last_failure_at = excluded.last_failure_at
                    WHERE access_throttle.blocked_until IS NULL OR access_throttle.blocked_until <= ?
                    RETURNING failures, first_failure_at""", ps -> {
                ps.setString(1, subject);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setTimestamp(4, Timestamp.from(windowStart));
                ps.setTimestamp(5, Timestamp.from(windowStart));
                ps.setTimestamp(6, Timestamp.from(now));
                var rs = ps.executeQuery();
                return rs.next() ? new Object[]{rs.getInt(1), rs.getTimestamp(2).toInstant()} : null;
            });
            if (counted == null) {
                // held back: the upsert locked the row without changing it; read the block under that lock
                Instant until = sql.prepare("SELECT blocked_until FROM access_throttle WHERE subject = ?",
                        ps -> {
                            ps.setString(1, subject);
                            var rs = ps.executeQuery();
                            rs.next();
                            return rs.getTimestamp(1).toInstant();
                        });
                return new Try(policy, key, Duration.between(now, until), null, null);
            }
            Duration block = policy.blockAfter((Integer) counted[0]);
            Instant blockSet = null;
            if (!block.isZero()) {
                blockSet = now.plus(block);
                Instant until = blockSet;
                sql.prepare("UPDATE access_throttle SET blocked_until = ? WHERE subject = ?", ps -> {
                    ps.setTimestamp(1, Timestamp.from(until));
                    ps.setString(2, subject);
                    return ps.executeUpdate();
                });
            }
            return new Try(policy, key, null, (Instant) counted[1], blockSet);
        });
    }

    /**
     * Gives a granted try back: the secret was right (at an address or a kiosk, which count only wrong tries), or
     * it was not compared after all. The count goes down by one, within the window the try was counted in, and the
     * block the try set is lifted (a granted try was not held back, so no earlier block stood).
     */
    public void undo(Try claimed) {
        if (!claimed.granted()) {
            return;
        }
        String subject = subject(claimed.policy(), claimed.key());
        transactions.own(() -> {
            sql.prepare("""
                    UPDATE access_throttle SET failures = failures - 1,
                      blocked_until = CASE WHEN blocked_until = ? THEN NULL ELSE blocked_until END
                    WHERE subject = ? AND first_failure_at = ? AND failures > 0""", ps -> {
                ps.setTimestamp(1, claimed.blockSet() == null ? null : Timestamp.from(claimed.blockSet()));
                ps.setString(2, subject);
                ps.setTimestamp(3, Timestamp.from(claimed.windowStart()));
                return ps.executeUpdate();
            });
            return sql.prepare("DELETE FROM access_throttle WHERE subject = ? AND failures <= 0 "
                    + "AND blocked_until IS NULL", ps -> {
                ps.setString(1, subject);
                return ps.executeUpdate();
            });
        });
    }

    /** A success forgets the subject's failures. */
    public void cleared(Policy policy, String key) {
        lift(subject(policy, key));
    }

    /** Lifts a block (the county office's page): the subject may try again at once, with a fresh count. */
    public boolean lift(String subject) {
        return transactions.own(() -> sql.prepare(
                "DELETE FROM access_throttle WHERE subject = ?", ps -> {
                    ps.setString(1, subject);
                    return ps.executeUpdate();
                })) > 0;
    }

    /** Every subject held back now, the longest wait first. */
    public List<Lock> locks() {
        Instant now = clock.instant();
        return transactions.read(() -> sql.prepare("""
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
        return transactions.write(() -> sql.prepare("""
                DELETE FROM access_throttle WHERE last_failure_at < ?
                  AND (blocked_until IS NULL OR blocked_until < ?)""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now.minus(LONGEST_WINDOW)));
            ps.setTimestamp(2, Timestamp.from(now));
            return ps.executeUpdate();
        }));
    }
}
