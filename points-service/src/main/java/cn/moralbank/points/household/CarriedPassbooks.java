package cn.moralbank.points.household;

import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.common.TransactionLocks;
import cn.moralbank.points.ledger.api.HouseholdId;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The paper passbooks (纸质存折) whose balance a village has carried over: each number once per village, whether it
 * was imported or booked on a household's page, unless that booking was reversed. The rule is checked where the
 * balance is booked, under a hold on the village's passbooks for the booking's transaction, so two imports or an
 * import and a page at once never both carry one passbook over; the import's preview checks it too, to list it.
 */
@Singleton
public class CarriedPassbooks {
    /** An opening booking {@code c} of household_change that no later change reversed. */
    private static final String NOT_REVERSED = "NOT EXISTS (SELECT 1 FROM household_change r "
            + "WHERE r.action = 'OPENING_REVERSED' AND r.entry_id = c.entry_id)";

    private final SqlRows sql;
    private final TransactionLocks locks;

    CarriedPassbooks(SqlRows sql, TransactionLocks locks) {
        this.sql = sql;
        this.locks = locks;
    }

    /**
     * The day of the paper passbook's balance the household carried over (期初日期), if it carried one over and did
     * not reverse it: deeds up to that day are in its opening balance.
     */
    public Optional<LocalDate> openingAsOf(HouseholdId household) {
        return sql.list("SELECT max(c.opening_as_of) FROM household_change c "
                + "WHERE c.household_id = ? AND c.opening_as_of IS NOT NULL AND " + NOT_REVERSED,
                rs -> Optional.ofNullable(rs.getDate(1)).map(Date::toLocalDate), household.value())
                .get(0);
    }

    /**
     * The passbook line of an opening balance, in the villages' words: the paper passbook's number and the day it was
     * read, which the line's own date (the day it was booked) is not.
     */
    static String reason(String passbookNumber, LocalDate asOf) {
        return "期初积分：纸质存折 " + passbookNumber + "（" + asOf + " 的余额）结转";
    }

    /** The village of a grid's path ({@code /c/t/v/g/} is in {@code /c/t/v/}). */
    static String villageOf(String gridPath) {
        return gridPath.substring(0, gridPath.lastIndexOf('/', gridPath.length() - 2) + 1);
    }

    /** The passbook numbers carried over in the village of a path, not reversed. */
    Set<String> in(String villagePath) {
        return new HashSet<>(sql.list("SELECT c.passbook_number FROM household_change c "
                + "JOIN household h ON h.id = c.household_id WHERE h.region_path LIKE ? || '%' "
                + "AND c.passbook_number IS NOT NULL AND c.action IN ('OPENING_IMPORTED', 'OPENING_BOOKED') "
                + "AND " + NOT_REVERSED, rs -> rs.getString(1), villagePath));
    }

    /** Holds these villages' passbooks until the transaction ends, in the order of their paths. */
    void hold(Collection<String> villagePaths) {
        villagePaths.stream().distinct().sorted().forEach(village -> locks.hold("carried-passbooks:" + village));
    }

    /** Refuses a passbook the village has carried over already; call it holding the village ({@link #hold}). */
    void requireFree(String villagePath, String passbookNumber) {
        requireFree(villagePath, List.of(passbookNumber));
    }

    /** The same for several passbooks of one village, its carried passbooks read once. */
    void requireFree(String villagePath, Collection<String> passbookNumbers) {
        Set<String> carried = in(villagePath);
        for (String number : passbookNumbers) {
            if (carried.contains(number)) {
                throw new BadInput("household.import.opening.passbook-taken", number);
            }
        }
    }
}
