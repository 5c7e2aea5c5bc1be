package cn.moralbank.points.voucher;

import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.voucher.api.VoucherRefusal;
import cn.moralbank.points.voucher.api.VoucherSerial;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * The code printed on a voucher as text and QR code: its serial and a check code, e.g. {@code V00000042-7K3M9QX2TD}.
 * The check code is an HMAC-SHA256 of the serial under a server secret, so a serial made up or altered by hand
 * does not carry a valid code. Ten base-32 characters (50 bits) are plenty against guessing, since every guess is
 * a request to a kiosk. The secret is {@code moralbank.voucher-secret} (MORALBANK_VOUCHER_SECRET); without it, it is
 * derived from the JWT signing secret, which every node of a deployment shares already.
 */
@Singleton
public class VoucherCodes {
    static final int CHECK_LENGTH = 10;
    /** Crockford's base 32: no I, L, O or U, so a code read aloud or typed by hand is not misread. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final byte[] key;

    VoucherCodes(@Value("${moralbank.voucher-secret:}") String voucherSecret,
                 @Value("${moralbank.jwt-secret:}") String jwtSecret) {
        this.key = keyOf(voucherSecret, jwtSecret);
    }

    static byte[] keyOf(String voucherSecret, String jwtSecret) {
        if (voucherSecret != null && !voucherSecret.isBlank()) {
            if (voucherSecret.length() < 32) {
                throw new IllegalStateException("moralbank.voucher-secret (MORALBANK_VOUCHER_SECRET) must have at "
                        + "least 32 characters");
            }
            return voucherSecret.getBytes(StandardCharsets.UTF_8);
        }
        if (jwtSecret == null || jwtSecret.isBlank()) {
            throw new IllegalStateException("Set moralbank.voucher-secret (MORALBANK_VOUCHER_SECRET): vouchers need "
                    + "a server secret for their check codes");
        }
        try {
            // a key of its own, so a voucher's check code reveals nothing usable about the token signing secret
            return MessageDigest.getInstance("SHA-256")
                    .digest(("moralbank-voucher-key:" + jwtSecret).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The full printed code of a serial. */
    public String codeOf(VoucherSerial serial) {
        return serial.value() + "-" + check(serial);
    }

    /**
     * The serial of a scanned or typed code, if its check code is right. Lower case and spaces (a scanner with caps
     * lock, a code typed by hand) are forgiven; a wrong check code is refused as forged.
     */
    public VoucherSerial verify(String code) {
        String text = code == null ? "" : code.strip().toUpperCase(Locale.ROOT).replace(" ", "");
        int dash = text.indexOf('-');
        if (dash < 0 || !VoucherSerial.isSerial(text.substring(0, dash))) {
            throw new VoucherRefusal("voucher.code.malformed", shorten(text));
        }
        VoucherSerial serial = new VoucherSerial(text.substring(0, dash));
        byte[] expected = check(serial).getBytes(StandardCharsets.US_ASCII);
        byte[] given = text.substring(dash + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new VoucherRefusal("voucher.forged", serial.value());
        }
        return serial;
    }

    String check(VoucherSerial serial) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(("voucher:" + serial.value()).getBytes(StandardCharsets.US_ASCII));
            return base32(digest).substring(0, CHECK_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return out.toString();
    }

    private static String shorten(String s) {
        return s.length() > 40 ? PlainText.shortened(s, 40) + "..." : s;
    }
}
