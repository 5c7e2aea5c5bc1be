package cn.moralbank.points.ledger.api;

/** An id that does not have the form of its kind: bad input, answered with 400. */
public class MalformedId extends IllegalArgumentException {
    private final String kind;

    public MalformedId(String kind, String value) {
        super("malformed " + kind + " id: " + (value == null ? "null" : value.length() > 60 ? value.substring(0, 60) + "..." : value));
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
