package cn.moralbank.points.ledger.api;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An identifier's form, checked character by character, takes exactly what its regular expression takes. */
class IdFormTest {
    private static final String ALPHABET = "abcXYZ0189-:._ /\\'\"%汉\u0000é\uFF21";

    @Test
    void takesWhatTheRegularExpressionTakes() {
        check(new IdForm(1, 40, "-"), Pattern.compile("[A-Za-z0-9-]{1,40}"));
        check(new IdForm(1, 100, ":._-"), Pattern.compile("[A-Za-z0-9:._-]{1,100}"));
        check(new IdForm(8, 64, "-"), Pattern.compile("[A-Za-z0-9-]{8,64}"));
    }

    private static void check(IdForm form, Pattern pattern) {
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(110);
            for (int j = 0; j < length; j++) {
                // mostly allowed characters, so long valid ids come up too
                text.append(random.nextInt(20) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
                        : ALPHABET.charAt(random.nextInt(10)));
            }
            String value = text.toString();
            assertEquals(pattern.matcher(value).matches(), form.matches(value), value);
        }
    }
}
