package cn.moralbank.points.household;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.common.Transactions;
import cn.moralbank.points.common.TryAgainLater;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CarryOverBalanceCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Registers the households of a CSV or xlsx file (批量导入). The administrator first previews the file and sees every
 * problem; the import then checks the file again, since the registry may have changed in between, and refuses it
 * whole if anything is wrong.
 *
 * <p>A file without problems is registered {@value #CHUNK} rows to a transaction, not all in one: the views
 * (rankings, passbooks, the kiosk's balances) read only what every running transaction has committed before, so one
 * transaction over thousands of rows would hold every view of the installation still for as long as it ran. Each
 * transaction first claims its lines in {@code household_import_line}; a file interrupted half way is finished by
 * uploading it again (its registered lines are skipped, the preview says how many), and two uploads of one file at
 * once register each line once.
 */
@Singleton
public class HouseholdImport {
    /** A village has a few hundred households; a bigger file is a mistake, or a county that should split it. */
    public static final int MAX_ROWS = 5000;
    /**
     * Rows registered in one transaction: short, because the views and a registration in the same grid wait for it
     * (docs/performance.md, "Session 17", has what it costs).
     */
    static final int CHUNK = 25;
    /** A chunk that met a lock held longer than lock_timeout rolled back whole, and is tried again this often. */
    private static final int ATTEMPTS = 5;

    private final Households households;
    private final HouseholdRepository registry;
    private final Regions regions;
    private final Ledger ledger;
    private final SqlRows sql;
    private final Transactions transactions;
    private final CarriedPassbooks passbooks;
    private final Clock clock;

    HouseholdImport(Households households, HouseholdRepository registry, Regions regions, Ledger ledger, SqlRows sql,
                    Transactions transactions, CarriedPassbooks passbooks, Clock clock) {
        this.clock = clock;
        this.passbooks = passbooks;
        this.households = households;
        this.registry = registry;
        this.regions = regions;
        this.ledger = ledger;
        this.sql = sql;
        this.transactions = transactions;
    }

    /**
     * Reads and checks the file without changing anything.
     *
     * @throws BadInput     {@code household.import.file.type-unknown} when the file is neither a CSV nor an xlsx
     * @throws cn.moralbank.points.access.AccessDenied when the actor does not manage a registry
     */
    public ImportPreview preview(Actor actor, String fileName, byte[] content) {
        return preview(actor, fileName, content, key(actor, content));
    }

    private ImportPreview preview(Actor actor, String fileName, byte[] content, String key) {
        RegistryManagers.require(actor, "household import");
        HouseholdFile.Rows rows = HouseholdFile.read(fileName, content, MAX_ROWS);
        return new ImportCheck(actor, regions, registry, passbooks::in, LocalDate.now(clock))
                .run(fileName, rows, linesDone(key));
    }

    /**
     * Registers every row not registered yet, each with its ledger account opened at the county's base score (and its
     * opening balance carried over), {@value #CHUNK} rows to a transaction: a household and its account are
     * registered together or not at all. Answers every household the file registered, earlier uploads included.
     *
     * @throws BadInput {@code household.import.file-has-errors} with the number of problems, when the file has any
     */
    public List<Household> importAll(Actor actor, String fileName, byte[] content) {
        return importFile(actor, fileName, content).households();
    }

    /**
     * The same, answering also how many of the file's households this upload registered: an upload that finishes a
     * cut-off import registers only the rest.
     */
    public Imported importFile(Actor actor, String fileName, byte[] content) {
        String key = key(actor, content);
        ImportPreview preview = preview(actor, fileName, content, key);
        if (!preview.importable()) {
            throw new BadInput("household.import.file-has-errors", preview.problems().size());
        }
        List<ImportRow> rows = preview.rows();
        int registeredNow = 0;
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<ImportRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            registeredNow += registerTryingAgain(actor, key, chunk);
        }
        // counted from the lines this upload claimed: two uploads of one file at once each say what they registered
        return new Imported(registry.findImported(key), registeredNow);
    }

    /** The file's households, and how many of them this upload registered (the rest an earlier upload did). */
    public record Imported(List<Household> households, int registeredNow) {
        public int before() {
            return households.size() - registeredNow;
        }
    }

    /**
     * Registers a chunk, answering how many of its rows this upload registered; one that waited too long for a grid or
     * a village held by others is tried again.
     */
    private int registerTryingAgain(Actor actor, String key, List<ImportRow> chunk) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.write(() -> register(actor, key, chunk));
            } catch (TryAgainLater busy) {
                if (attempt == ATTEMPTS) {
                    throw busy;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    /**
     * Registers the rows of a chunk that no other upload of the file has claimed: the grids whose card numbers it
     * chooses and the villages whose passbooks it carries over are held first, and the preview's rules on them checked
     * again, so what others registered meanwhile is never registered twice.
     */
    private int register(Actor actor, String key, List<ImportRow> chunk) {
        Set<Integer> claimed = claim(key, chunk);
        List<ImportRow> rows = chunk.stream().filter(row -> claimed.contains(row.line())).toList();
        Map<String, Region> grids = new HashMap<>();
        rows.forEach(row -> grids.computeIfAbsent(row.household().gridCode(),
                code -> households.gridInScope(actor, code)));
        holdGridsAndCheckHeads(key, grids, rows.stream().filter(ImportRow::cardGenerated).toList());
        holdVillagesAndCheckPassbooks(grids, rows.stream().filter(row -> row.opening() != null).toList());
        for (ImportRow row : rows) {
            // a number the preview chose is chosen again now, under the grid's hold: one registered meanwhile
            // (on a page, by another import) is not chosen twice
            NewHousehold form = row.cardGenerated() ? row.household().withoutCard() : row.household();
            Household household = households.register(actor, form);
            if (row.opening() != null) {
                carryOver(actor, household, row.opening());
            }
            sql.update("UPDATE household_import_line SET household_id = ? WHERE import_key = ? AND line = ?",
                    household.id(), key, row.line());
        }
        return rows.size();
    }

    /** Claims the chunk's lines for this upload; answers those no other upload of the file had claimed. */
    private Set<Integer> claim(String key, List<ImportRow> chunk) {
        return new HashSet<>(sql.list("""
                INSERT INTO household_import_line (import_key, line) SELECT ?, unnest(?::int[])
                ON CONFLICT DO NOTHING RETURNING line""", rs -> rs.getInt(1), key,
                chunk.stream().map(ImportRow::line).toArray(Integer[]::new)));
    }

    /**
     * Holds the card numbers of the grids of the rows without a card (in the order of the grids' ids), then checks
     * the preview's rule again: a household registered meanwhile by another upload (an edited copy of this file, sent
     * while this one still ran) whose head heads the row's grid refuses the chunk.
     */
    private void holdGridsAndCheckHeads(String key, Map<String, Region> grids, List<ImportRow> withoutCard) {
        withoutCard.stream().map(row -> grids.get(row.household().gridCode())).distinct()
                .sorted(Comparator.comparingLong(Region::id)).forEach(households::holdCardNumbers);
        for (ImportRow row : withoutCard) {
            String head = row.household().headName().strip();
            sql.one("""
                    SELECT h.card_number FROM household h WHERE h.grid_id = ? AND h.head_name = ?
                      AND h.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM household_import_line l
                        WHERE l.household_id = h.id AND l.import_key = ?) LIMIT 1""",
                    rs -> rs.getString(1), grids.get(row.household().gridCode()).id(), head, key).ifPresent(card -> {
                throw new BadInput("household.import.head.registered", head, row.household().gridCode(), card);
            });
        }
    }

    /** Holds the passbooks of the villages of the rows carrying a balance over, and refuses one carried over already. */
    private void holdVillagesAndCheckPassbooks(Map<String, Region> grids, List<ImportRow> carrying) {
        Map<String, List<String>> byVillage = carrying.stream().collect(Collectors.groupingBy(
                row -> village(grids, row), LinkedHashMap::new, Collectors.mapping(
                        row -> row.opening().passbookNumber(), Collectors.toList())));
        passbooks.hold(byVillage.keySet());
        // each village's carried passbooks read once for the chunk
        byVillage.forEach(passbooks::requireFree);
    }

    private static String village(Map<String, Region> grids, ImportRow row) {
        return CarriedPassbooks.villageOf(grids.get(row.household().gridCode()).path());
    }

    /**
     * One entry "opening balance carried over from the paper passbook", booked by the importer; its id is the
     * household's and the passbook's, so booking it again is the same entry, and the ledger refuses it for an account
     * that already has entries.
     */
    private void carryOver(Actor actor, Household household, OpeningBalance opening) {
        String entry = "opening:" + household.householdId().value() + ":" + opening.passbookNumber();
        ledger.carryOver(actor, new CarryOverBalanceCommand(household.householdId(), new EntryId(entry),
                opening.points(), opening.passbookNumber(), opening.asOf(),
                CarriedPassbooks.reason(opening.passbookNumber(), opening.asOf())));
        sql.update("INSERT INTO household_change (household_id, action, changed_by, changed_role, after_state, entry_id, "
                + "passbook_number, opening_as_of) VALUES (?, 'OPENING_IMPORTED', ?, ?, ?, ?, ?, ?)", household.id(),
                actor.userId(), actor.role().name(),
                opening.points() + " (" + opening.passbookNumber() + ", " + opening.asOf() + ")", entry,
                opening.passbookNumber(), opening.asOf());
    }

    /** The lines of the file an earlier upload registered. */
    private Set<Integer> linesDone(String key) {
        return new HashSet<>(sql.list("SELECT line FROM household_import_line WHERE import_key = ?",
                rs -> rs.getInt(1), key));
    }

    /** The file as one importer's: the same bytes uploaded from another region start afresh. */
    private static String key(Actor actor, byte[] content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(actor.regionPath().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
