package cn.moralbank.points.people;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * A person's session version: every change that must end their sessions at once (deactivation, a move, a role
 * change, a password reset) bumps it, and a token signed in under an older version is refused
 * (web's CurrentSessionsOnly). Kept in its own table until per-person token versions join it: {@link #revoke} is the
 * one place that ends a person's sessions.
 */
@Singleton
public class PersonSessions {
    private final JdbcOperations jdbc;
    /** Every revoked person's version as last read, plus this node's revocations since: null until first read. */
    private volatile Map<String, Integer> known;

    PersonSessions(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The person's latest session version as this node knows it, without a query: a revocation on this node counts
     * at once, one on another node from the next {@link #reload}.
     */
    public int latest(String username) {
        Map<String, Integer> now = known;
        if (now == null) {
            reload();
            now = known;
        }
        return now.getOrDefault(username, 0);
    }

    /** Reads every revoked person's version again (for revocations made on other nodes). */
    public void reload() {
        Map<String, Integer> read = versions();
        synchronized (this) {
            Map<String, Integer> merged = new HashMap<>(read);
            if (known != null) {
                known.forEach((user, version) -> merged.merge(user, version, Math::max));
            }
            known = Map.copyOf(merged);
        }
    }

    private synchronized void remember(String username, int version) {
        Map<String, Integer> next = new HashMap<>(known == null ? Map.of() : known);
        next.merge(username, version, Math::max);
        known = Map.copyOf(next);
    }

    /** Ends every session of this person: their tokens, still unexpired, are refused from now on. */
    @Transactional
    public int revoke(String username) {
        int version = jdbc.prepareStatement("""
                INSERT INTO person_session (username, version) VALUES (?, 1)
                ON CONFLICT (username) DO UPDATE SET version = person_session.version + 1, revoked_at = now()
                RETURNING version""", ps -> {
            ps.setString(1, username);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
        remember(username, version);
        return version;
    }

    /** The person's current version: 0 until their sessions were first revoked. */
    @Transactional
    public int version(String username) {
        return jdbc.prepareStatement("SELECT version FROM person_session WHERE username = ?", ps -> {
            ps.setString(1, username);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    /** Every revoked person's version, for a validator's cache. */
    @Transactional
    public Map<String, Integer> versions() {
        return jdbc.prepareStatement("SELECT username, version FROM person_session", ps -> {
            Map<String, Integer> all = new HashMap<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.put(rs.getString(1), rs.getInt(2));
                }
            }
            return all;
        });
    }
}
