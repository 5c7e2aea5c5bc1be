package cn.moralbank.points.household;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.common.SaneDate;
import cn.moralbank.points.common.WholeNumber;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CarryOverBalanceCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.EntryResult;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.Points;
import cn.moralbank.points.ledger.api.ReverseCommand;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A household's books beyond the import: one opening balance (期初积分) booked on its page for a household registered
 * without one, and a wrong one corrected by a reversal (冲正), then booked again; a household marked moved out (迁出),
 * its account and passbook kept. The ledger decides what it holds: an opening balance only on an account without
 * live entries (ledger.carry-over.has-entries), so it is the first entry, or the only one left after a reversal.
 * Each change is written to household_change (who, when, why, before, after, the entry's id).
 */
@Singleton
public class HouseholdBooks {
    private static final Pattern PASSBOOK = Pattern.compile("[A-Za-z0-9._-]{1,30}");
    /**
     * The opening form's own id (a UUID): at most 36 characters, so that the entry it books
     * ({@code opening:<household>:<token>}, 82) and the reversal of that entry ({@code opening-reversal:…}, 99) both
     * fit an entry id's 100. At 40 a booked opening could never be reversed.
     */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9-]{8,36}");

    private final Households households;
    private final Ledger ledger;
    private final SqlRows sql;
    private final CarriedPassbooks passbooks;

    private final Clock clock;

    HouseholdBooks(Households households, Ledger ledger, SqlRows sql, CarriedPassbooks passbooks, Clock clock) {
        this.clock = clock;
        this.passbooks = passbooks;
        this.households = households;
        this.ledger = ledger;
        this.sql = sql;
    }

    /** An opening balance of the household, as the passbook view and this page's own trail know it. */
    @Serdeable
    public record Opening(String entryId, long points, String reason, boolean reversed) {
    }

    /** One line of a household's change trail. */
    @Serdeable
    public record Change(String action, String changedBy, String changedRole, Instant changedAt, String reason,
                         String beforeState, String afterState, @Nullable String entryId) {
    }

    /**
     * Books the paper passbook's balance as the household's opening entry. {@code token} is the form's own id, so a
     * form sent twice books once; the ledger refuses an account that already has live entries.
     */
    @Transactional
    public EntryResult bookOpening(Actor actor, HouseholdId id, String pointsText, String asOfText, String passbook,
                                   String token) {
        Household h = open(actor, id);
        long points;
        try {
            points = WholeNumber.parse(pointsText == null ? "" : pointsText.strip());
        } catch (NumberFormatException e) {
            throw new BadInput("household.import.opening.invalid", pointsText, Points.MAX_PER_ENTRY);
        }
        if (points <= 0 || points > Points.MAX_PER_ENTRY) {
            throw new BadInput("household.import.opening.invalid", pointsText, Points.MAX_PER_ENTRY);
        }
        LocalDate asOf;
        try {
            asOf = SaneDate.parse(asOfText == null ? "" : asOfText.strip().replace('/', '-'));
        } catch (DateTimeParseException e) {
            throw new BadInput("household.import.opening.date-invalid", asOfText);
        }
        if (asOf.isAfter(LocalDate.now(clock))) {
            throw new BadInput("household.import.opening.date-invalid", asOfText);
        }
        String number = passbook == null ? "" : passbook.strip();
        if (!PASSBOOK.matcher(number).matches()) {
            throw new BadInput("household.import.opening.passbook-invalid", number);
        }
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new BadInput("household.opening.token-invalid");
        }
        EntryId entry = new EntryId("opening:" + h.id() + ":" + token);
        String village = CarriedPassbooks.villageOf(h.regionPath());
        passbooks.hold(List.of(village));
        // read under the village's hold, so the same form sent twice at once reads it one after the other
        boolean first = sql.count("SELECT count(*) FROM household_change WHERE entry_id = ?", entry.value()) == 0;
        if (first) {
            // a form sent again is its first booking's repeat; another booking of a passbook the village carried over
            // (imported, or booked on another household's page) is refused
            passbooks.requireFree(village, number);
        }
        EntryResult result = ledger.carryOver(actor, new CarryOverBalanceCommand(h.householdId(), entry, points,
                number, asOf, CarriedPassbooks.reason(number, asOf)));
        if (first) {
            audit(actor, h.id(), "OPENING_BOOKED", "", "", points + " (" + number + ", " + asOf + ")", entry.value());
            sql.update("UPDATE household_change SET passbook_number = ?, opening_as_of = ? WHERE entry_id = ?", number,
                    asOf, entry.value());
        }
        return result;
    }

    /** Corrects a wrong opening balance by a reversal with the reason; a right one may then be booked. */
    @Transactional
    public EntryResult reverseOpening(Actor actor, HouseholdId id, String entryId, String reason) {
        Household h = open(actor, id);
        String why = reason(reason);
        if (entryId == null || !entryId.startsWith("opening:" + h.id() + ":")) {
            throw new BadInput("household.opening.not-an-opening", String.valueOf(entryId));
        }
        EntryResult result = ledger.reverse(actor, new ReverseCommand(h.householdId(),
                new EntryId("opening-reversal:" + entryId), new EntryId(entryId), "冲正期初积分：" + why));
        if (sql.count("SELECT count(*) FROM household_change WHERE entry_id = ? AND action = 'OPENING_REVERSED'",
                entryId) == 0) {
            audit(actor, h.id(), "OPENING_REVERSED", why, "", "", entryId);
        }
        return result;
    }

    /** 迁出: the household leaves the register; its account, passbook and history stay, found in the closed list. */
    @Transactional
    public Household markMovedOut(Actor actor, HouseholdId id, String reason) {
        Household h = open(actor, id);
        String why = reason(reason);
        households.setStatus(actor, h.householdId(), HouseholdStatus.MOVED);
        audit(actor, h.id(), "MOVED_OUT", why, h.status().name(), HouseholdStatus.MOVED.name(), null);
        return households.visible(actor, id);
    }

    /** The household's opening balances, imported or booked here, and whether each was reversed. */
    public List<Opening> openings(Actor actor, HouseholdId id) {
        Household h = households.visible(actor, id);
        Map<String, Opening> found = new LinkedHashMap<>();
        sql.list("SELECT entry_id, points, reason FROM passbook_entry WHERE household_id = ? AND kind = 'CARRIED_OVER' "
                + "ORDER BY seq", rs -> new Opening(rs.getString(1), rs.getLong(2), rs.getString(3), false), h.id())
                .forEach(o -> found.put(o.entryId(), o));
        for (Change c : changes(actor, id)) {
            if (c.action().equals("OPENING_BOOKED") && c.entryId() != null) {
                found.putIfAbsent(c.entryId(), new Opening(c.entryId(), Long.parseLong(c.afterState().split(" ")[0]),
                        "", false));
            }
        }
        List<String> reversed = new ArrayList<>(sql.list("SELECT entry_id FROM household_change WHERE household_id = ? "
                + "AND action = 'OPENING_REVERSED'", rs -> rs.getString(1), h.id()));
        reversed.addAll(sql.list("SELECT substring(entry_id from 18) FROM passbook_entry WHERE household_id = ? "
                + "AND entry_id LIKE 'opening-reversal:%'", rs -> rs.getString(1), h.id()));
        return found.values().stream().map(o -> new Opening(o.entryId(), o.points(), o.reason(),
                reversed.contains(o.entryId()))).toList();
    }

    /** The household's change trail, newest first. */
    public List<Change> changes(Actor actor, HouseholdId id) {
        Household h = households.visible(actor, id);
        return sql.list("SELECT action, changed_by, changed_role, changed_at, reason, before_state, after_state, "
                + "entry_id FROM household_change WHERE household_id = ? ORDER BY changed_at DESC, id DESC",
                rs -> new Change(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8)), h.id());
    }

    /** Households of the actor's scope that left the register (迁出, 合户): their passbooks can still be opened. */
    public List<Household> closed(Actor actor) {
        RegistryManagers.require(actor, "closed households");
        return households.allVisible(actor).stream().filter(h -> h.status() != HouseholdStatus.ACTIVE).toList();
    }

    private Household open(Actor actor, HouseholdId id) {
        RegistryManagers.require(actor, "household books");
        Household h = households.visible(actor, id);
        if (h.status() != HouseholdStatus.ACTIVE) {
            throw new BadInput("household.not-active", h.cardNumber(), h.status().name());
        }
        return h;
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank() || reason.strip().length() > 200 || !PlainText.storable(reason)) {
            throw new BadInput("household.change.reason-missing");
        }
        return reason.strip();
    }

    private void audit(Actor by, String household, String action, String reason, String before, String after,
                       String entryId) {
        sql.update("INSERT INTO household_change (household_id, action, changed_by, changed_role, reason, "
                + "before_state, after_state, entry_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", household, action,
                by.userId(), by.role().name(), reason, before, after, entryId);
    }
}
