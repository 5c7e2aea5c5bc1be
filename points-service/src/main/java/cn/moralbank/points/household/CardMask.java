package cn.moralbank.points.household;

import cn.moralbank.points.access.Actor;

/**
 * The one way a household card number is shown where others can see it: public paper (the notice-board poster,
 * vouchers), rankings, dashboards and reports show only its last four digits ({@code ****0006}). The card number
 * and a four-digit PIN are what the kiosk asks for, so the whole number appears only on the household's own card,
 * passbook and self-service page, and on the village administrator's register.
 */
public final class CardMask {
    /** For templates: {@code ${cardMask.of(h.cardNumber)}}. */
    public static final CardMask MASK = new CardMask(false);
    private static final CardMask WHOLE = new CardMask(true);

    private final boolean whole;

    private CardMask(boolean whole) {
        this.whole = whole;
    }

    /** For templates showing a card number to a signed-in person: {@code ${cardFor.of(h.cardNumber)}} ({@link #shownTo}). */
    public static CardMask forViewer(Actor actor) {
        return seesWhole(actor) ? WHOLE : MASK;
    }

    public static String mask(String card) {
        if (card == null || card.isEmpty()) {
            return "";
        }
        String digits = card.strip();
        return "****" + (digits.length() <= 4 ? "" : digits.substring(digits.length() - 4));
    }

    /**
     * The card number as {@code actor} may see it: whole for the village administrator, who issues cards, and for the
     * household itself (a villager sees only their own household); masked for every other role. Every page, print and
     * API answer that shows a household's card number to a signed-in person asks this.
     */
    public static String shownTo(Actor actor, String card) {
        return seesWhole(actor) ? card : mask(card);
    }

    private static boolean seesWhole(Actor actor) {
        return switch (actor.role()) {
            case VILLAGE_ADMIN, VILLAGER -> true;
            default -> false;
        };
    }

    /** The same mask (or, for {@link #forViewer} of a person who may see it, the whole number), for templates. */
    public String of(String card) {
        return whole ? card : mask(card);
    }
}
