package cn.moralbank.points.ranking;

import cn.moralbank.points.household.CardMask;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A household's place in a ranking: {@code rank} counts the households ahead of it plus one, so equal values share a
 * rank (1, 2, 2, 4). {@code value} is what the ranking orders by. {@code onRegister} is false for a household that
 * moved out (迁出): its points of the periods it lived here stay in them, and it is named as moved out, but it is no
 * honour of the village any more.
 */
@Serdeable
public record HouseholdStanding(int rank, String householdId, String headName, String cardNumber, String gridPath,
                                long earned, int deeds, long value, boolean onRegister) {

    /** The standing as a ranking shows it: the card number masked (****0006), as on the rankings page. */
    public HouseholdStanding withCardMasked() {
        return new HouseholdStanding(rank, householdId, headName,
                CardMask.mask(cardNumber), gridPath, earned, deeds, value, onRegister);
    }
}
