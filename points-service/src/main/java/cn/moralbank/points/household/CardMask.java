package cn.moralbank.points.household;

/**
 * The one way a household card number is shown where others can see it: public paper (the notice-board poster,
 * vouchers), rankings, dashboards and reports show only its last four digits ({@code ****0006}). The card number
 * and a four-digit PIN are what the kiosk asks for, so the whole number appears only on the household's own card,
 * passbook and self-service page, and on the village administrator's register.
 */
public final class CardMask {
    /** For templates: {@code ${cardMask.of(h.cardNumber)}}. */
    public static final CardMask MASK = new CardMask();

    private CardMask() {
    }

    public static String mask(String card) {
        if (card == null || card.isEmpty()) {
            return "";
        }
        String digits = card.strip();
        return "****" + (digits.length() <= 4 ? "" : digits.substring(digits.length() - 4));
    }

    /** The same mask, as a method templates can call on the model's {@code cardMask}. */
    public String of(String card) {
        return mask(card);
    }
}
