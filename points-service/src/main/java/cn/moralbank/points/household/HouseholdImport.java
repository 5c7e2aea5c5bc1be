package cn.moralbank.points.household;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.region.Regions;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Registers the households of a CSV or xlsx file (批量导入), all of them or none. The administrator first previews
 * the file and sees every problem; the import then checks the file again, since the registry may have changed in
 * between, and refuses it whole if anything is wrong.
 */
@Singleton
public class HouseholdImport {
    /** A village has a few hundred households; a bigger file is a mistake, or a county that should split it. */
    public static final int MAX_ROWS = 5000;

    private final Households households;
    private final HouseholdRepository registry;
    private final Regions regions;
    private final cn.moralbank.points.ledger.Ledger ledger;

    private final cn.moralbank.points.common.SqlRows sql;

    HouseholdImport(Households households, HouseholdRepository registry, Regions regions,
                    cn.moralbank.points.ledger.Ledger ledger, cn.moralbank.points.common.SqlRows sql) {
        this.sql = sql;
        this.ledger = ledger;
        this.households = households;
        this.registry = registry;
        this.regions = regions;
    }

    /**
     * Reads and checks the file without changing anything.
     *
     * @throws BadInput     {@code household.import.file.type-unknown} when the file is neither a CSV nor an xlsx
     * @throws cn.moralbank.points.access.AccessDenied when the actor does not manage a registry
     */
    public ImportPreview preview(Actor actor, String fileName, byte[] content) {
        RegistryManagers.require(actor, "household import");
        HouseholdFile.Rows rows = HouseholdFile.read(fileName, content, MAX_ROWS);
        return new ImportCheck(actor, regions, registry, this::passbooksCarried).run(fileName, rows);
    }

    /**
     * Registers every row, each with its ledger account opened at the county's base score, in one transaction: the
     * account openings join it (see MicronautTransactionManager), so a failure half way leaves no household and no
     * account behind.
     *
     * @throws BadInput {@code household.import.file-has-errors} with the number of problems, when the file has any
     */
    @Transactional
    public List<Household> importAll(Actor actor, String fileName, byte[] content) {
        ImportPreview preview = preview(actor, fileName, content);
        if (!preview.importable()) {
            throw new BadInput("household.import.file-has-errors", preview.problems().size());
        }
        return preview.rows().stream().map(row -> {
            Household household = households.register(actor, row.household());
            if (row.opening() != null) {
                carryOver(actor, household, row.opening());
            }
            return household;
        }).toList();
    }

    /**
     * One entry "opening balance carried over from the paper passbook", booked by the importer; its id is the
     * household's and the passbook's, so booking it again is the same entry, and the ledger refuses it for an account
     * that already has entries.
     */
    private void carryOver(Actor actor, Household household, OpeningBalance opening) {
        String entry = "opening:" + household.householdId().value() + ":" + opening.passbookNumber();
        ledger.carryOver(actor, new cn.moralbank.points.ledger.api.CarryOverBalanceCommand(household.householdId(),
                new cn.moralbank.points.ledger.api.EntryId(entry), opening.points(), opening.passbookNumber(),
                opening.asOf(),
                "期初积分：纸质存折 " + opening.passbookNumber() + " 结转 / opening balance carried over from the paper passbook"));
        sql.update("INSERT INTO household_change (household_id, action, changed_by, changed_role, after_state, entry_id, "
                + "passbook_number) VALUES (?, 'OPENING_IMPORTED', ?, ?, ?, ?, ?)", household.id(), actor.userId(),
                actor.role().name(), opening.points() + " (" + opening.passbookNumber() + ", " + opening.asOf() + ")",
                entry, opening.passbookNumber());
    }

    /** The passbook numbers carried over (imported or booked on a page, and not reversed) in the village of a path. */
    java.util.Set<String> passbooksCarried(String villagePath) {
        return new java.util.HashSet<>(sql.list("SELECT c.passbook_number FROM household_change c "
                + "JOIN household h ON h.id = c.household_id WHERE h.region_path LIKE ? || '%' "
                + "AND c.passbook_number IS NOT NULL AND c.action IN ('OPENING_IMPORTED', 'OPENING_BOOKED') "
                + "AND NOT EXISTS (SELECT 1 FROM household_change r WHERE r.action = 'OPENING_REVERSED' "
                + "AND r.entry_id = c.entry_id)", rs -> rs.getString(1), villagePath));
    }
}
