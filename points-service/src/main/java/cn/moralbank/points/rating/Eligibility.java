package cn.moralbank.points.rating;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Whether a household may redeem at the love supermarket under the county's star rule, and if not, why: the code
 * names a message of the {@code ratings} bundle, filled with the arguments (stars, required stars, points earned
 * since, points that lift the block).
 */
@Serdeable
public record Eligibility(boolean mayRedeem, String code, List<Object> arguments) {
    static final Eligibility FREE = new Eligibility(true, "rating.redeem.free", List.of());
}
