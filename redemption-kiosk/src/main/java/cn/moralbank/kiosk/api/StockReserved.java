package cn.moralbank.kiosk.api;

import cn.moralbank.points.ledger.api.HouseholdId;
import org.jmolecules.event.annotation.DomainEvent;

import java.time.YearMonth;
import java.util.List;

@DomainEvent
public record StockReserved(SupermarketId supermarketId, CheckoutId checkoutId, HouseholdId householdId,
                            YearMonth month, List<SaleLine> lines) {
}
