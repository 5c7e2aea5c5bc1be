package cn.moralbank.kiosk.api;

public record StockOpened(SupermarketId supermarketId, String name, String regionPath) {
}
