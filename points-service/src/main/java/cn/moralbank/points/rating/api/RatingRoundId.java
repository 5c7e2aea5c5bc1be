package cn.moralbank.points.rating.api;

import cn.moralbank.points.ledger.api.IdForm;
import cn.moralbank.points.ledger.api.MalformedId;
import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;

/**
 * Identity of a rating round. Named by its kind, county and period ({@code W-130826-2026-Q4},
 * {@code H-130826-2026}), so a county has one round per kind and period, however many nodes try to open it.
 */
public record RatingRoundId(String value) implements Identifier {
    private static final IdForm FORM = new IdForm(1, 60, "-");

    public RatingRoundId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matches(value)) {
            throw new MalformedId("rating round", value);
        }
    }

    public static RatingRoundId of(RoundKind kind, String countyCode, String period) {
        return new RatingRoundId((kind == RoundKind.GRID_WORKERS ? "W-" : "H-") + countyCode + "-" + period);
    }

    @Override
    public String toString() {
        return value;
    }
}
