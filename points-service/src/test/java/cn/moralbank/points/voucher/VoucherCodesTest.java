package cn.moralbank.points.voucher;

import cn.moralbank.points.voucher.api.VoucherRefusal;
import cn.moralbank.points.voucher.api.VoucherSerial;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class VoucherCodesTest {
    private final VoucherCodes codes = new VoucherCodes("a-voucher-secret-of-at-least-32-characters!", "");

    @Test
    void aPrintedCodeIsVerifiedBackToItsSerial() {
        String code = codes.codeOf(VoucherSerial.of(42));
        assertTrue(code.matches("V00000042-[0-9A-Z]{10}"), code);
        assertEquals(VoucherSerial.of(42), codes.verify(code));
        assertEquals(VoucherSerial.of(42), codes.verify(" " + code.toLowerCase() + " "));
    }

    @Test
    void aCodeWithAnAlteredSerialIsRefusedAsForged() {
        String code = codes.codeOf(VoucherSerial.of(42));
        String altered = "V00000043" + code.substring(9);
        VoucherRefusal refusal = assertThrows(VoucherRefusal.class, () -> codes.verify(altered));
        assertEquals("voucher.forged", refusal.code());
    }

    @Test
    void aCodeWithAnAlteredCheckIsRefusedAsForged() {
        String code = codes.codeOf(VoucherSerial.of(42));
        char last = code.charAt(code.length() - 1);
        String altered = code.substring(0, code.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertEquals("voucher.forged", assertThrows(VoucherRefusal.class, () -> codes.verify(altered)).code());
    }

    @Test
    void aCodeMadeWithAnotherSecretIsRefused() {
        String foreign = new VoucherCodes("another-secret-another-secret-another!!", "").codeOf(VoucherSerial.of(42));
        assertEquals("voucher.forged", assertThrows(VoucherRefusal.class, () -> codes.verify(foreign)).code());
    }

    @Test
    void textThatIsNoVoucherCodeIsRefusedAsMalformed() {
        for (String text : new String[]{"", "1308261032010001", "V42", "V00000042", "X00000042-ABCDEFGHJK"}) {
            assertEquals("voucher.code.malformed", assertThrows(VoucherRefusal.class, () -> codes.verify(text)).code(),
                    text);
        }
    }

    @Test
    void withoutAVoucherSecretTheKeyIsDerivedFromTheJwtSecretAndDiffersFromIt() {
        VoucherCodes derived = new VoucherCodes("", "jwt-secret-jwt-secret-jwt-secret-jwt");
        VoucherCodes same = new VoucherCodes(null, "jwt-secret-jwt-secret-jwt-secret-jwt");
        assertEquals(derived.codeOf(VoucherSerial.of(7)), same.codeOf(VoucherSerial.of(7)));
        assertNotEquals(derived.codeOf(VoucherSerial.of(7)), codes.codeOf(VoucherSerial.of(7)));
        assertThrows(IllegalStateException.class, () -> new VoucherCodes("", ""));
        assertThrows(IllegalStateException.class, () -> new VoucherCodes("short", ""));
    }
}
