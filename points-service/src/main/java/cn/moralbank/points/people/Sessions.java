package cn.moralbank.points.people;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;

/**
 * Sessions that end at once, on every node. Every token carries the version of its subject (a person's username,
 * or {@code card:<number>} for a villager signed in with the household card) it was issued under; a token is good
 * only while its subject exists, is active, and still has that version. {@link #revoke} moves the version on: every
 * token issued before is refused from then on, on every node, within {@link #CACHE} (the answer is cached that long
 * per subject, so a busy page does not ask PostgreSQL on every request).
 *
 * <p>Call {@code revoke(username)} after a logout, a deactivation, and any change of a person's role or scope.
 */
@Singleton
public class Sessions {
    /** The claim a token carries its version in. */
    public static final String VERSION_CLAIM = "ver";
    public static final String CARD_PREFIX = "card:";
    static final Duration CACHE = Duration.ofSeconds(1);

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final Cache<String, State> states;

    Sessions(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
             @Value("${moralbank.sessions.cache-size:10000}") int cacheSize) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.states = Caffeine.newBuilder().expireAfterWrite(CACHE).maximumSize(cacheSize).build();
    }

    /** Ends every session of the subject (a username, or card:number) at once, on every node. */
    public void revoke(String subject) {
        transactions.executeWrite(status -> jdbc.prepareStatement("""
                INSERT INTO session_version (subject, version) VALUES (?, 1)
                ON CONFLICT (subject) DO UPDATE SET version = session_version.version + 1, changed_at = now()""",
                ps -> {
                    ps.setString(1, subject);
                    return ps.executeUpdate();
                }));
        states.invalidate(subject);
    }

    /** The version a token issued now carries. */
    public long version(String subject) {
        return load(subject).version();
    }

    /** Whether a token of this subject issued under this version is still good: known, active, not revoked. */
    public boolean current(String subject, long tokenVersion) {
        State state = states.get(subject, this::load);
        return state.active() && state.version() == tokenVersion;
    }

    private State load(String subject) {
        return transactions.executeRead(status -> jdbc.prepareStatement("""
                SELECT coalesce((SELECT version FROM session_version WHERE subject = ?), 0),
                       CASE WHEN ? LIKE 'card:%'
                            THEN EXISTS (SELECT 1 FROM household WHERE card_number = substr(?, 6)
                                         AND status = 'ACTIVE')
                            ELSE EXISTS (SELECT 1 FROM person WHERE username = ? AND active) END""", ps -> {
            ps.setString(1, subject);
            ps.setString(2, subject);
            ps.setString(3, subject);
            ps.setString(4, subject);
            var rs = ps.executeQuery();
            rs.next();
            return new State(rs.getLong(1), rs.getBoolean(2));
        }));
    }

    private record State(long version, boolean active) {
    }
}
