package cn.moralbank.kiosk.api;

import cn.moralbank.points.ledger.api.HouseholdId;
import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;
import java.util.List;

@DomainEvent
public record StockSold(SupermarketId supermarketId, CheckoutId checkoutId, HouseholdId householdId,
                        List<SaleLine> lines, Instant soldAt) {
}
