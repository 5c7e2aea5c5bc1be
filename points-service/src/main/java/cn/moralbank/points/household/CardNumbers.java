package cn.moralbank.points.household;

import cn.moralbank.points.region.Region;

import java.util.Optional;
import java.util.function.Predicate;

/** Card numbers are the grid's code digits followed by a running number, so a card tells where it belongs. */
final class CardNumbers {
    private static final int MAX_PREFIX_DIGITS = 12;
    private static final int LAST_RUNNING_NUMBER = 9_999;

    private CardNumbers() {
    }

    static String prefix(Region grid) {
        String digits = grid.code().replaceAll("[^0-9]", "");
        return digits.length() > MAX_PREFIX_DIGITS ? digits.substring(digits.length() - MAX_PREFIX_DIGITS) : digits;
    }

    /** The lowest card of the prefix that is not taken, if any is left. */
    static Optional<String> firstFree(String prefix, Predicate<String> taken) {
        return new Sequence(prefix, taken).next();
    }

    /**
     * The free cards of one prefix, lowest first. Each call goes on from the last card handed out, so cards for a
     * whole file cost one pass, not one pass per household.
     */
    static final class Sequence {
        private final String prefix;
        private final Predicate<String> taken;
        private int next = 1;

        Sequence(String prefix, Predicate<String> taken) {
            this.prefix = prefix;
            this.taken = taken;
        }

        Optional<String> next() {
            while (next <= LAST_RUNNING_NUMBER) {
                String candidate = prefix + String.format("%04d", next++);
                if (!taken.test(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }
    }
}
