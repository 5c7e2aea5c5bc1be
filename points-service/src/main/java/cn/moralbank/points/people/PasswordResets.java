package cn.moralbank.points.people;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/** Temporary passwords still to be replaced by the person's own (person_password_reset). */
@Singleton
public class PasswordResets {
    private final JdbcOperations jdbc;

    PasswordResets(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public boolean pending(String username) {
        return jdbc.prepareStatement("SELECT 1 FROM person_password_reset WHERE username = ?", ps -> {
            ps.setString(1, username);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    void issued(String username, String by) {
        jdbc.prepareStatement("""
                INSERT INTO person_password_reset (username, issued_by) VALUES (?, ?)
                ON CONFLICT (username) DO UPDATE SET issued_by = excluded.issued_by, issued_at = now()""", ps -> {
            ps.setString(1, username);
            ps.setString(2, by);
            return ps.executeUpdate();
        });
    }

    void done(String username) {
        jdbc.prepareStatement("DELETE FROM person_password_reset WHERE username = ?", ps -> {
            ps.setString(1, username);
            return ps.executeUpdate();
        });
    }
}
