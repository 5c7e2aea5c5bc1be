package cn.moralbank.points.household;

import java.util.Optional;

/**
 * What Excel does to a card number kept as a number rather than as text: it drops the leading zeros and keeps 15
 * digits, turning the rest into zeros. Cards are the grid's code digits and a running number (16 digits, the first
 * often a 0: 0826…), so a passbook sheet typed into Excel would register a card that is not the one printed.
 */
final class TypedCards {
    /** The digits of a number Excel keeps. */
    static final int EXCEL_DIGITS = 15;

    private TypedCards() {
    }

    /** The message code of what went wrong with a card the file holds as a number, if anything certainly did. */
    static Optional<String> problem(String card, boolean typedAsNumber, String gridPrefix) {
        if (!typedAsNumber || card.isEmpty()) {
            return Optional.empty();
        }
        if (card.length() > EXCEL_DIGITS) {
            return Optional.of("household.import.card.number-rounded");
        }
        return withZerosBack(card, gridPrefix).isPresent()
                ? Optional.of("household.import.card.zero-lost") : Optional.empty();
    }

    /**
     * The card with the leading zeros Excel dropped, when the card is the grid's own without them; also for a CSV
     * saved by Excel, which keeps no types.
     */
    static Optional<String> withZerosBack(String card, String gridPrefix) {
        int zeros = 0;
        while (zeros < gridPrefix.length() && gridPrefix.charAt(zeros) == '0') {
            zeros++;
        }
        if (zeros == 0 || card.startsWith(gridPrefix)) {
            return Optional.empty();
        }
        String whole = "0".repeat(zeros) + card;
        return whole.startsWith(gridPrefix) && whole.length() == gridPrefix.length() + 4
                ? Optional.of(whole) : Optional.empty();
    }
}
