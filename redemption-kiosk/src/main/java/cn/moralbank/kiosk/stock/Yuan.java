package cn.moralbank.kiosk.stock;

import cn.moralbank.kiosk.api.KioskRefusal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Yuan as written by people ("120.5", "80") and as fen (分) kept by the books: money is never a binary fraction. */
public final class Yuan {
    private static final BigDecimal MAX = new BigDecimal("10000000");

    private Yuan() {
    }

    public static long toFen(String yuan) {
        if (yuan == null || yuan.isBlank()) {
            return 0;
        }
        String written = yuan.strip().replace("¥", "");
        // a comma only between groups of three digits ("1,200.50"): "12,5" is a decimal comma, not twelve hundred and
        // fifty yuan, and is refused rather than read ten times too large
        if (written.indexOf(',') >= 0 && !written.matches("[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]{1,2})?")) {
            throw new KioskRefusal("stock.donation.value-invalid", yuan);
        }
        String plain = written.replace(",", "");
        // ASCII digits and at most one point: BigDecimal alone reads any script's digits and exponents ("１２", "1.5e3")
        if (!plain.matches("[0-9]{1,12}(\\.[0-9]{1,2})?")) {
            throw new KioskRefusal("stock.donation.value-invalid", yuan);
        }
        try {
            BigDecimal value = new BigDecimal(plain);
            if (value.signum() < 0 || value.compareTo(MAX) > 0 || value.scale() > 2) {
                throw new KioskRefusal("stock.donation.value-invalid", yuan);
            }
            return value.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new KioskRefusal("stock.donation.value-invalid", yuan);
        }
    }

    public static String format(long fen) {
        return BigDecimal.valueOf(fen).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
