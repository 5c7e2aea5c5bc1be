package cn.moralbank.web.verify;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The verify runs' results (V42): recorded by the job and the command, read by the page and the health indicator. */
@Singleton
public class VerifyRuns {
    /** Runs kept; older ones are deleted when a run starts. */
    private static final int KEEP = 100;
    private final DataSource dataSource;

    VerifyRuns(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public enum Trigger { SCHEDULED, MANUAL, COMMAND }

    /** A run as stored; {@code outcome} RUNNING, CLEAN, DIFFERENT, UNSETTLED or FAILED. */
    public record StoredRun(long id, String trigger, String requestedBy, String node, Instant startedAt,
                            Instant finishedAt, String outcome, long position, long households, long stockRows,
                            long vouchers, long rankings, long missing, long different, long unsettled, String error) {
        public long checked() {
            return households + stockRows + vouchers + rankings;
        }
    }

    long start(Trigger trigger, String requestedBy) {
        try (Connection c = connection()) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM verify_run WHERE id <= "
                    + "(SELECT max(id) FROM verify_run) - ?")) {
                delete.setInt(1, KEEP);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO verify_run (trigger, requested_by, node, "
                    + "started_at, outcome) VALUES (?, ?, ?, now(), 'RUNNING') RETURNING id")) {
                insert.setString(1, trigger.name());
                insert.setString(2, requestedBy == null ? "" : requestedBy);
                insert.setString(3, node());
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void finish(long id, VerifyReport report) {
        String outcome = report.exitStatus() == 0 ? "CLEAN" : report.exitStatus() == 1 ? "DIFFERENT" : "UNSETTLED";
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE verify_run SET finished_at = now(), outcome = ?, position = ?, households = ?,
                      stock_rows = ?, vouchers = ?, rankings = ?, missing = ?, different = ?, unsettled = ?
                    WHERE id = ?""")) {
                update.setString(1, outcome);
                update.setLong(2, report.position());
                update.setLong(3, report.households());
                update.setLong(4, report.stockRows());
                update.setLong(5, report.vouchers());
                update.setLong(6, report.rankings());
                update.setLong(7, report.missing());
                update.setLong(8, report.different());
                update.setLong(9, report.unsettled());
                update.setLong(10, id);
                update.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO verify_difference (run_id, ord, area, subject, field, ledger_value, view_value,
                      region_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int ord = 0;
                for (Difference d : report.first()) {
                    insert.setLong(1, id);
                    insert.setInt(2, ord++);
                    insert.setString(3, d.area().name());
                    insert.setString(4, cut(d.subject()));
                    insert.setString(5, cut(d.field()));
                    insert.setString(6, cut(d.ledger()));
                    insert.setString(7, cut(d.view()));
                    insert.setString(8, d.regionPath());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void failed(long id, String error) {
        try (Connection c = connection();
             PreparedStatement update = c.prepareStatement("UPDATE verify_run SET finished_at = now(), "
                     + "outcome = 'FAILED', error = ? WHERE id = ?")) {
            update.setString(1, error == null ? "" : error.length() > 1000 ? error.substring(0, 1000) : error);
            update.setLong(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The latest run that finished (or failed). */
    public Optional<StoredRun> lastFinished() {
        return one("SELECT * FROM verify_run WHERE outcome <> 'RUNNING' ORDER BY id DESC LIMIT 1");
    }

    public List<Difference> differences(long runId) {
        List<Difference> out = new ArrayList<>();
        try (Connection c = connection();
             PreparedStatement select = c.prepareStatement("SELECT area, subject, field, ledger_value, view_value, "
                     + "region_path FROM verify_difference WHERE run_id = ? ORDER BY ord")) {
            select.setLong(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(new Difference(Difference.Area.valueOf(rs.getString(1)), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private Optional<StoredRun> one(String sql) {
        try (Connection c = connection(); PreparedStatement select = c.prepareStatement(sql);
             ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoredRun(rs.getLong("id"), rs.getString("trigger"),
                    rs.getString("requested_by"), rs.getString("node"), instant(rs.getTimestamp("started_at")),
                    instant(rs.getTimestamp("finished_at")), rs.getString("outcome"), rs.getLong("position"),
                    rs.getLong("households"), rs.getLong("stock_rows"), rs.getLong("vouchers"), rs.getLong("rankings"),
                    rs.getLong("missing"), rs.getLong("different"), rs.getLong("unsettled"), rs.getString("error")));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() > 100 ? s.substring(0, 100) : s;
    }

    private Connection connection() throws SQLException {
        Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        connection.setAutoCommit(true);
        return connection;
    }

    private static String node() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
        } catch (Exception e) {
            return "pid " + ProcessHandle.current().pid();
        }
    }
}
