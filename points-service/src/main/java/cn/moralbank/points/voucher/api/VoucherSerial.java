package cn.moralbank.points.voucher.api;

import cn.moralbank.points.ledger.api.MalformedId;
import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The serial number printed on a love points voucher (爱心积分券), e.g. {@code V00000042}: the identity of its
 * Voucher aggregate. Serials come from a database sequence, so they are short enough to read out over the phone.
 */
public record VoucherSerial(String value) implements Identifier {
    private static final Pattern FORM = Pattern.compile("V[0-9]{8,12}");

    public VoucherSerial {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new MalformedId("voucher", value);
        }
    }

    public static VoucherSerial of(long number) {
        return new VoucherSerial(String.format("V%08d", number));
    }

    public static boolean isSerial(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** Axon routes commands by the identifier's string form. */
    @Override
    public String toString() {
        return value;
    }
}
