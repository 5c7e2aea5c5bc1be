package cn.moralbank.kiosk.api;

import cn.moralbank.points.ledger.api.HouseholdId;

import java.time.YearMonth;
import java.util.List;

public record StockReserved(SupermarketId supermarketId, CheckoutId checkoutId, HouseholdId householdId,
                            YearMonth month, List<SaleLine> lines) {
}
