package cn.moralbank.kiosk.api;

import java.util.List;

public record StockReleased(SupermarketId supermarketId, CheckoutId checkoutId, List<SaleLine> lines,
                            String reason) {
}
