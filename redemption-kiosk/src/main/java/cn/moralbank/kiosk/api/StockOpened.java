package cn.moralbank.kiosk.api;

import org.jmolecules.event.annotation.DomainEvent;

@DomainEvent
public record StockOpened(SupermarketId supermarketId, String name, String regionPath) {
}
