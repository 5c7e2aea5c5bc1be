package cn.moralbank.points.rules;

import org.jmolecules.architecture.onion.simplified.DomainRing;
import org.jmolecules.ddd.types.Identifier;

/** Identity of a rule of the catalog, the same across all its versions. */
@io.micronaut.serde.annotation.Serdeable
@DomainRing
public record RuleId(long value) implements Identifier {
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
