package cn.moralbank.kiosk.api;

/** Identity of a product of one supermarket. */
public record ProductId(long value) {
    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
