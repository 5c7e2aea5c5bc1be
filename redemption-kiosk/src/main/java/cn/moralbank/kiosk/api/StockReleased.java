package cn.moralbank.kiosk.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.util.List;

@DomainEvent
public record StockReleased(SupermarketId supermarketId, CheckoutId checkoutId, List<SaleLine> lines,
                            String reason) {
}
