package cn.moralbank.kiosk.api;

import org.jmolecules.ddd.types.Identifier;

/** Identity of a product of one supermarket. */
public record ProductId(long value) implements Identifier {
    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
