package cn.moralbank.points.common;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A form's whole number: ASCII digits only, no plus, no other script's digits, never cut to fit an int. */
class WholeNumberTest {
    @Test
    void asciiDigitsAreRead() {
        assertEquals(12, WholeNumber.parse("12"));
        assertEquals(-5, WholeNumber.parse(" -5 "));
        assertEquals(2_000_000_000, WholeNumber.parseInt("2000000000"));
    }

    @Test
    void anythingElseIsNotANumber() {
        for (String text : List.of("１２", "٣", "+7", "1e3", "1.0", "", "0x10", "9999999999999999999", "1 2")) {
            assertThrows(NumberFormatException.class, () -> WholeNumber.parse(text), text);
        }
        assertThrows(NumberFormatException.class, () -> WholeNumber.parseInt("4294967297"));
        assertThrows(NumberFormatException.class, () -> WholeNumber.parse(null));
    }
}
