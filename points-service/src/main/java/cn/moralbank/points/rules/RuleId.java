package cn.moralbank.points.rules;

/** Identity of a rule of the catalog, the same across all its versions. */
@io.micronaut.serde.annotation.Serdeable
public record RuleId(long value) {
    public RuleId {
        if (value <= 0) {
            throw new cn.moralbank.points.ledger.api.MalformedId("rule", String.valueOf(value));
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
