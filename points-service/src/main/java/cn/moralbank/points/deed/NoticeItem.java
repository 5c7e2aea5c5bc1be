package cn.moralbank.points.deed;

import cn.moralbank.points.household.CardMask;
import cn.moralbank.points.rules.Category;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One line of the village's notice board (公示栏): who, for what, how many points, and until when objections count;
 * {@code objectionHeard} when it is posted again after the committee heard an objection, and takes no other.
 */
@Serdeable
public record NoticeItem(String deedId, String householdId, String householdName, String cardNumber,
                         String ruleCode, String ruleName, Category category, long points, LocalDate deedDate,
                         String description, Instant postedAt, Instant periodEnds, boolean objectionHeard) {

    /** The line as public paper shows it: the card number masked (****0006), as everywhere the village can read. */
    public NoticeItem withCardMasked() {
        return new NoticeItem(deedId, householdId, householdName,
                CardMask.mask(cardNumber), ruleCode, ruleName, category, points,
                deedDate, description, postedAt, periodEnds, objectionHeard);
    }
}
