package cn.moralbank.points.common;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every date typed as text (forms, query values, file cells) is read through SaneDate.parse (ModuleBoundariesTest). */
class SaneDateTest {
    @Test
    void aDateOutsideTheWindowIsNoDateAsTextThatIsNotADate() {
        assertEquals(LocalDate.of(2026, 12, 6), SaneDate.parse("2026-12-06"));
        for (String text : new String[]{"0001-01-01", "+99999-12-31", "-999999999-01-01", "1999-12-31", "2101-01-01",
                "2026-13-01", "yesterday"}) {
            assertThrows(DateTimeParseException.class, () -> SaneDate.parse(text), text);
        }
    }
}
