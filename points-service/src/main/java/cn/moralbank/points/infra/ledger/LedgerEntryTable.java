package cn.moralbank.points.infra.ledger;

import cn.moralbank.points.ledger.RememberedEntries;
import cn.moralbank.points.ledger.RememberedEntry;
import cn.moralbank.points.ledger.api.EntryKind;
import cn.moralbank.points.ledger.api.HouseholdId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.axonframework.modelling.command.ConcurrencyException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/**
 * The households' remembered entries in the table {@code ledger_entry} (V97), read and written on the connection of
 * whatever transaction the command runs in (Micronaut's, which Axon's unit of work joins: ADR 0003), never on a
 * connection of its own: an entry commits or rolls back with its event, and with any outer transaction the command
 * joined (a checkout's).
 *
 * <p>Two nodes booking the same entry id for one account at the same moment: the second insert waits for the
 * first transaction, then finds the row. It is a concurrency loss, like the event store's (aggregate, sequence)
 * key, and the command gateway retries it: the retry loads the account again and answers as a repeat.
 */
@Singleton
class LedgerEntryTable implements RememberedEntries {
    private static final String COLUMNS = "entry_id, kind, requested, change, original_entry_id, reversed_by, "
            + "balance_after, refused";

    private final JdbcOperations jdbc;

    LedgerEntryTable(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<RememberedEntry> find(HouseholdId household, String entryId) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM ledger_entry WHERE household_id = ? AND entry_id = ?",
                statement -> {
                    statement.setString(1, household.value());
                    statement.setString(2, entryId);
                    try (ResultSet row = statement.executeQuery()) {
                        return row.next() ? Optional.of(entry(row)) : Optional.empty();
                    }
                });
    }

    @Override
    public void remember(HouseholdId household, RememberedEntry e) {
        int added = jdbc.prepareStatement("INSERT INTO ledger_entry (household_id, " + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (household_id, entry_id) DO NOTHING", statement -> {
            statement.setString(1, household.value());
            statement.setString(2, e.id());
            statement.setString(3, e.kind().name());
            statement.setLong(4, e.requested());
            statement.setLong(5, e.change());
            nullable(statement, 6, e.original());
            nullable(statement, 7, e.reversedBy());
            statement.setLong(8, e.balanceAfter());
            statement.setBoolean(9, e.refused());
            return statement.executeUpdate();
        });
        if (added == 0) {
            throw new ConcurrencyException("entry " + e.id() + " of " + household.value() + " was booked meanwhile");
        }
    }

    @Override
    public void reversed(HouseholdId household, String entryId, String reversalId) {
        int marked = jdbc.prepareStatement("UPDATE ledger_entry SET reversed_by = ? "
                + "WHERE household_id = ? AND entry_id = ? AND reversed_by IS NULL", statement -> {
            statement.setString(1, reversalId);
            statement.setString(2, household.value());
            statement.setString(3, entryId);
            return statement.executeUpdate();
        });
        if (marked == 0) {
            throw new ConcurrencyException("entry " + entryId + " of " + household.value() + " was reversed meanwhile");
        }
    }

    /** Live as {@code RememberedEntry.live()} says: applied, not a reversal, not reversed. */
    @Override
    public boolean anyLive(HouseholdId household) {
        return jdbc.prepareStatement("SELECT EXISTS (SELECT 1 FROM ledger_entry WHERE household_id = ? "
                + "AND NOT refused AND kind <> 'REVERSAL' AND reversed_by IS NULL)", statement -> {
            statement.setString(1, household.value());
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        });
    }

    private static RememberedEntry entry(ResultSet row) throws SQLException {
        return new RememberedEntry(row.getString(1), EntryKind.valueOf(row.getString(2)), row.getLong(3),
                row.getLong(4), row.getString(5), row.getString(6), row.getLong(7), row.getBoolean(8));
    }

    private static void nullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
