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
import java.util.stream.Collectors;

/** The ledger's public queries: balances and passbooks, read from projections, never from the event store. */
@Singleton
public class Passbooks {
    private final AccountBalanceRepository balances;
    private final PassbookRepository lines;

    Passbooks(AccountBalanceRepository balances, PassbookRepository lines) {
        this.balances = balances;
        this.lines = lines;
    }

    public Optional<AccountBalance> balance(HouseholdId household) {
        return balances.findById(household.value());
    }

    /** Balances of several households in one query, keyed by household id; a household without entries is absent. */
    public Map<String, Long> balances(Collection<HouseholdId> households) {
        if (households.isEmpty()) {
            return Map.of();
        }
        return balances.findByHouseholdIdIn(households.stream().map(HouseholdId::value).toList()).stream()
                .collect(Collectors.toMap(AccountBalance::householdId, AccountBalance::balance));
    }

    /** Newest first. */
    public Page<PassbookLine> passbook(HouseholdId household, int page, int size) {
        return lines.findByHouseholdIdOrderBySeqDesc(household.value(), Pageable.from(page, size));
    }
}
