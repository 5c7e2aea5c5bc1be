package cn.moralbank.kiosk.infra;

import cn.moralbank.kiosk.checkout.CardPinStore;
import cn.moralbank.kiosk.checkout.CardPins;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The cards' PIN guards in PostgreSQL ({@code card_pin_guard}, V60 and later), on the caller's transaction. */
@Singleton
final class JdbcCardPinStore implements CardPinStore {
    private final JdbcOperations jdbc;

    JdbcCardPinStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Guard guard(String card) {
        return jdbc.prepareStatement(
                "SELECT failures, locked_until, last_failure_at FROM card_pin_guard WHERE card_number = ?", ps -> {
                    ps.setString(1, card);
                    try (var rs = ps.executeQuery()) {
                        return rs.next() ? guardOf(rs) : Guard.NONE;
                    }
                });
    }

    @Override
    public Guard lockForUpdate(String card) {
        jdbc.prepareStatement("INSERT INTO card_pin_guard (card_number) VALUES (?) ON CONFLICT DO NOTHING", ps -> {
            ps.setString(1, card);
            return ps.executeUpdate();
        });
        return jdbc.prepareStatement("SELECT failures, locked_until, last_failure_at FROM card_pin_guard "
                + "WHERE card_number = ? FOR UPDATE", ps -> {
                    ps.setString(1, card);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return guardOf(rs);
                    }
                });
    }

    @Override
    public void update(String card, int failures, Instant lockedUntil, Instant lastFailure) {
        jdbc.prepareStatement("""
                UPDATE card_pin_guard SET failures = ?, locked_until = ?, last_failure_at = coalesce(?, last_failure_at)
                WHERE card_number = ?""", ps -> {
            ps.setInt(1, failures);
            ps.setTimestamp(2, lockedUntil == null ? null : Timestamp.from(lockedUntil));
            ps.setTimestamp(3, lastFailure == null ? null : Timestamp.from(lastFailure));
            ps.setString(4, card);
            return ps.executeUpdate();
        });
    }

    @Override
    public boolean forget(String card) {
        return jdbc.prepareStatement("DELETE FROM card_pin_guard WHERE card_number = ?", ps -> {
            ps.setString(1, card);
            return ps.executeUpdate();
        }) > 0;
    }

    @Override
    public List<CardPins.Waiting> waiting(Instant now, int limit) {
        return jdbc.prepareStatement("SELECT card_number, failures, locked_until FROM card_pin_guard "
                + "WHERE locked_until > ? ORDER BY locked_until DESC LIMIT ?", ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setInt(2, limit);
                    List<CardPins.Waiting> waiting = new ArrayList<>();
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            waiting.add(new CardPins.Waiting(rs.getString(1), rs.getInt(2),
                                    rs.getTimestamp(3).toInstant()));
                        }
                    }
                    return waiting;
                });
    }

    private static Guard guardOf(ResultSet rs) throws SQLException {
        Timestamp until = rs.getTimestamp(2);
        Timestamp last = rs.getTimestamp(3);
        return new Guard(rs.getInt(1), until == null ? null : until.toInstant(), last == null ? null : last.toInstant());
    }
}
