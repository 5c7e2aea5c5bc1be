package cn.moralbank.points.people;

import cn.moralbank.points.common.SqlRows;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/** Temporary passwords still to be replaced by the person's own (person_password_reset). */
@Singleton
public class PasswordResets {
    private final SqlRows sql;

    PasswordResets(SqlRows sql) {
        this.sql = sql;
    }

    @Transactional
    public boolean pending(String username) {
        return sql.prepare("SELECT 1 FROM person_password_reset WHERE username = ?", ps -> {
            ps.setString(1, username);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    void issued(String username, String by) {
        sql.prepare("""
                INSERT INTO person_password_reset (username, issued_by) VALUES (?, ?)
                ON CONFLICT (username) DO UPDATE SET issued_by = excluded.issued_by, issued_at = now()""", ps -> {
            ps.setString(1, username);
            ps.setString(2, by);
            return ps.executeUpdate();
        });
    }

    void done(String username) {
        sql.prepare("DELETE FROM person_password_reset WHERE username = ?", ps -> {
            ps.setString(1, username);
            return ps.executeUpdate();
        });
    }
}
