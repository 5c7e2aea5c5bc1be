package cn.moralbank.web.pages;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passbook lines the system wrote in Chinese (兑换：…, 退货：…, 积分券找零 …, 爱心积分券 …), shown in the reader's
 * language. The event store is append-only and keeps the text as it was written, so the known system texts are
 * recognised and translated when they are shown; what people wrote (a rule's name, a reason typed in) and product
 * and shop names stay as written. Every page's model has it as {@code passbookText}: {@code ${passbookText.of(l.reason)}}.
 */
public final class PassbookTexts {
    private record Known(Pattern pattern, String english) {
    }

    /** Most specific first; {n} is the pattern's n-th group. */
    private static final List<Known> KNOWN = List.of(
            new Known(Pattern.compile("^(.+?) 兑换：(.*)$", Pattern.DOTALL), "Redeemed at {1}: {2}"),
            new Known(Pattern.compile("^退货退回积分券的积分：(.*)$", Pattern.DOTALL), "Refund of voucher points: {1}"),
            new Known(Pattern.compile("^退货：(.+×[0-9]+)：(.*)$", Pattern.DOTALL), "Refund of {1}: {2}"),
            new Known(Pattern.compile("^退货：(.*)$", Pattern.DOTALL), "Refund: {1}"),
            new Known(Pattern.compile("^积分券找零 (.*)$", Pattern.DOTALL), "Voucher change, {1}"),
            new Known(Pattern.compile("^作废积分券 (\\S+)：(.*)$", Pattern.DOTALL), "Voucher {1} voided: {2}"),
            new Known(Pattern.compile("^爱心积分券 (\\S+)$", Pattern.DOTALL), "Love voucher {1}"));

    private final boolean english;

    public PassbookTexts(boolean english) {
        this.english = english;
    }

    public String of(String reason) {
        if (!english || reason == null) {
            return reason;
        }
        for (Known known : KNOWN) {
            Matcher m = known.pattern().matcher(reason);
            if (m.matches()) {
                String text = known.english();
                for (int g = 1; g <= m.groupCount(); g++) {
                    text = text.replace("{" + g + "}", m.group(g).replace("、", ", "));
                }
                return text;
            }
        }
        return reason;
    }
}
