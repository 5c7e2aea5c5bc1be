package cn.moralbank.web.county;

import cn.moralbank.points.access.Actor;

import java.util.ArrayList;
import java.util.List;

/**
 * One generated village as the history writer needs it: its people (as actors, for the events' metadata), its
 * households and its supermarket, with what the aggregates would hold in memory (balances, sequence numbers, stock).
 */
final class Village {
    final int number;
    final long id;
    final String name;
    final String path;
    final Actor admin;
    final List<Actor> committee;
    final List<Actor> gridWorkers;
    final Actor operator;
    final Actor kiosk;
    final Shop shop;
    final List<Home> homes = new ArrayList<>();

    Village(int number, long id, String name, String path, Actor admin, List<Actor> committee, List<Actor> gridWorkers,
            Actor operator, Actor kiosk, Shop shop) {
        this.number = number;
        this.id = id;
        this.name = name;
        this.path = path;
        this.admin = admin;
        this.committee = committee;
        this.gridWorkers = gridWorkers;
        this.operator = operator;
        this.kiosk = kiosk;
        this.shop = shop;
    }

    /** A household and its account as the HouseholdAccount aggregate would hold it. */
    static final class Home {
        final String id;
        final String card;
        final String head;
        final int grid;
        final boolean deep;
        long balance;
        /** penalties approved but not yet booked: spending never eats into them, so no balance goes below zero */
        long reserved;
        long seq;
        long lastAt;
        int entries;
        final List<long[]> vouchers = new ArrayList<>(); // {serial number, points, sequence}

        Home(String id, String card, String head, int grid, boolean deep) {
            this.id = id;
            this.card = card;
            this.head = head;
            this.grid = grid;
            this.deep = deep;
        }

        long spendable() {
            return balance - reserved;
        }
    }

    /** The village's love supermarket and its SupermarketStock aggregate. */
    static final class Shop {
        final long id;
        final String name;
        final List<Product> products;
        long seq;

        Shop(long id, String name, List<Product> products) {
            this.id = id;
            this.name = name;
            this.products = products;
        }

        String aggregateId() {
            return "supermarket-" + id;
        }
    }

    static final class Product {
        final long id;
        final String name;
        final String unit;
        final long price;
        final int monthlyLimit;
        long onHand;

        Product(long id, String name, String unit, long price, int monthlyLimit) {
            this.id = id;
            this.name = name;
            this.unit = unit;
            this.price = price;
            this.monthlyLimit = monthlyLimit;
        }
    }
}
