package cn.moralbank.kiosk.checkout;

import cn.moralbank.points.common.BadInput;

import java.util.stream.Collectors;

/**
 * How a checkout's run ended: completed (with the card's balance after it) or refused (with the refusal's message
 * code and its arguments, kept as one text so that the receipt can repeat the refusal to a retry).
 */
public record CheckoutOutcome(CheckoutStatus status, Long balanceAfter, String refusalCode, String refusalArgs) {
    private static final String UNIT_SEPARATOR = "\u001f";

    static CheckoutOutcome completed(Long balanceAfter) {
        return new CheckoutOutcome(CheckoutStatus.COMPLETED, balanceAfter, null, null);
    }

    static CheckoutOutcome refused(BadInput refusal) {
        String args = refusal.arguments().stream().map(String::valueOf).collect(Collectors.joining(UNIT_SEPARATOR));
        return new CheckoutOutcome(CheckoutStatus.REFUSED, null, refusal.code(), CheckoutPolicy.shorten(args, 500));
    }

    /** The arguments of a stored refusal, as {@link #refused} joined them. */
    static String[] splitArgs(String args) {
        return args == null || args.isEmpty() ? new String[0] : args.split(UNIT_SEPARATOR, -1);
    }
}
