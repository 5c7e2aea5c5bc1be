package cn.moralbank.points.people;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.common.Transactions;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * Sessions that end at once, on every node. Every token carries the version of its subject (a person's username,
 * or {@code card:<number>} for a villager signed in with the household card) it was issued under; a token is good
 * only while its subject exists, is active, and still has that version. {@link #revoke} moves the version on: every
 * token issued before is refused from then on, on every node, within {@link #CACHE} (the answer is cached that long
 * per subject, so a busy page does not ask PostgreSQL on every request).
 *
 * <p>Call {@code revoke(username)} after a logout, a deactivation, and any change of a person's role or scope.
 *
 * <p>A token's role and scope are not believed either: {@link #standing} answers the subject's role, region,
 * household and device as its record holds them now (read with the version, cached as long), and every request
 * acts with those. A role or scope changed by any means, even a script that forgot to revoke, takes effect on every
 * node within {@link #CACHE}.
 */
@Singleton
public class Sessions {
    /** The claim a token carries its version in. */
    public static final String VERSION_CLAIM = "ver";
    public static final String CARD_PREFIX = "card:";
    static final Duration CACHE = Duration.ofSeconds(1);

    private final SqlRows sql;
    private final Transactions transactions;
    private final Cache<String, State> states;

    Sessions(SqlRows sql, Transactions transactions,
             @Value("${moralbank.sessions.cache-size:10000}") int cacheSize) {
        this.sql = sql;
        this.transactions = transactions;
        this.states = Caffeine.newBuilder().expireAfterWrite(CACHE).maximumSize(cacheSize).build();
    }

    /** Ends every session of the subject (a username, or card:number) at once, on every node. */
    public void revoke(String subject) {
        transactions.write(() -> sql.prepare("""
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

    /**
     * Who the subject is now by its record: its role, region path, household and device (a kiosk's own username),
     * or empty when it is unknown or inactive. A token's claims of role and scope are replaced by these.
     */
    public Optional<Actor> standing(String subject) {
        return Optional.ofNullable(states.get(subject, this::load).actor());
    }

    private State load(String subject) {
        return transactions.read(() -> {
            long version = sql.prepare(
                    "SELECT coalesce((SELECT version FROM session_version WHERE subject = ?), 0)", ps -> {
                        ps.setString(1, subject);
                        var rs = ps.executeQuery();
                        rs.next();
                        return rs.getLong(1);
                    });
            Actor actor = subject.startsWith(CARD_PREFIX) ? card(subject) : person(subject);
            return new State(version, actor);
        });
    }

    private Actor card(String subject) {
        return sql.prepare("""
                SELECT id, region_path FROM household WHERE card_number = ? AND status = 'ACTIVE'""", ps -> {
            ps.setString(1, subject.substring(CARD_PREFIX.length()));
            var rs = ps.executeQuery();
            return rs.next() ? new Actor(subject, Role.VILLAGER, rs.getString(2), rs.getString(1), null) : null;
        });
    }

    private Actor person(String username) {
        return sql.prepare("""
                SELECT p.role, coalesce(h.region_path, r.path), p.household_id FROM person p
                LEFT JOIN household h ON h.id = p.household_id LEFT JOIN region r ON r.id = p.region_id
                WHERE p.username = ? AND p.active""", ps -> {
            ps.setString(1, username);
            var rs = ps.executeQuery();
            if (!rs.next() || rs.getString(2) == null) {
                return null;
            }
            Role role = Role.valueOf(rs.getString(1));
            return new Actor(username, role, rs.getString(2), rs.getString(3),
                    role == Role.KIOSK ? username : null);
        });
    }

    private record State(long version, Actor actor) {
        boolean active() {
            return actor != null;
        }
    }
}
