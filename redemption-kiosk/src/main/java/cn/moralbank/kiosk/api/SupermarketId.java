package cn.moralbank.kiosk.api;

import cn.moralbank.points.ledger.api.MalformedId;
import org.jmolecules.ddd.types.Identifier;

/**
 * Identity of a love supermarket (爱心超市), and of its SupermarketStock aggregate. The aggregate's identifier in the
 * event store is {@code supermarket-<id>}, so it cannot collide with another aggregate's.
 */
public record SupermarketId(long value) implements Identifier {

    public SupermarketId {
        if (value <= 0) {
            throw new MalformedId("supermarket", String.valueOf(value));
        }
    }

    /** Axon routes commands by the identifier's string form. */
    @Override
    public String toString() {
        return "supermarket-" + value;
    }
}
