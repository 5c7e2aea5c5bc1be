package cn.moralbank.points.ledger;

import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.projection.AccountBalance;
import cn.moralbank.points.ledger.projection.AccountBalanceRepository;
import cn.moralbank.points.ledger.projection.PassbookLine;
import cn.moralbank.points.ledger.projection.PassbookRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.HashMap;
import java.util.List;

/** The ledger's public queries: balances and passbooks, read from projections, never from the event store. */
@Singleton
public class Passbooks {
    private static final int BALANCE_CHUNK = 10_000;
    private final AccountBalanceRepository balances;
    private final PassbookRepository lines;

    Passbooks(AccountBalanceRepository balances, PassbookRepository lines) {
        this.balances = balances;
        this.lines = lines;
    }

    public Optional<AccountBalance> balance(HouseholdId household) {
        return balances.findById(household.value());
    }

    /**
     * Balances of several households, keyed by household id; a household without entries is absent. Asked in chunks:
     * PostgreSQL takes at most 32,767 parameters a statement, and a county has 100,000 households.
     */
    public Map<String, Long> balances(Collection<HouseholdId> households) {
        List<String> ids = households.stream().map(HouseholdId::value).toList();
        Map<String, Long> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BALANCE_CHUNK) {
            for (AccountBalance b : balances.findByHouseholdIdIn(ids.subList(from, Math.min(ids.size(), from + BALANCE_CHUNK)))) {
                found.put(b.householdId(), b.balance());
            }
        }
        return found;
    }

    /** Newest first. */
    public Page<PassbookLine> passbook(HouseholdId household, int page, int size) {
        return lines.findByHouseholdIdOrderBySeqDesc(household.value(), Pageable.from(page, size));
    }
}
