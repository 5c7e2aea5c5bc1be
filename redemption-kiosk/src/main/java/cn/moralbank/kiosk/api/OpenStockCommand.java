package cn.moralbank.kiosk.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens the stock book of a new supermarket. */
public record OpenStockCommand(@TargetAggregateIdentifier SupermarketId supermarketId, String name, String regionPath) {
}
