package cn.moralbank.points.rules;

import cn.moralbank.points.ledger.api.MalformedId;
import io.micronaut.serde.annotation.Serdeable;
import org.jmolecules.architecture.onion.simplified.DomainRing;
import org.jmolecules.ddd.types.Identifier;

/** Identity of a rule of the catalog, the same across all its versions. */
@Serdeable
@DomainRing
public record RuleId(long value) implements Identifier {
    public RuleId {
        if (value <= 0) {
            throw new MalformedId("rule", String.valueOf(value));
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
