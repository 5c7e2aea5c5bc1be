package cn.moralbank.points.common;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** What free text and names may hold: the classes of character an attacker used, each refused; real text kept. */
class PlainTextTest {
    @Test
    void realTextIsKept() {
        for (String text : List.of("助人为乐", "义务植树保成活：+5", "第一行\n第二行\t完", "Appeal upheld: ok", "de\u0301d",
                "\u2764\uFE0F 谢谢", "\uD83D\uDE00", "", "  ")) {
            assertTrue(PlainText.storable(text), text);
        }
        for (String name : List.of("王建国", "河东村爱心超市", "Wang Jianguo", "何玉珍")) {
            assertTrue(PlainText.name(name), name);
        }
    }

    @Test
    void invisibleAndSeparatorCharactersAreRefusedInFreeText() {
        for (String text : List.of("a\u2060b", "a\u00ADb", "a\u2028b", "a\u2029b", "a\uDB40\uDC41b", "a\u180Eb",
                "a\u061Cb", "\u3164", "a\u034Fb", "a\u115Fb", "a\uFFF9b", "a\u200Bb", "a\uFEFFb", "\u2800",
                "\u0301\u0301", "a\u0000b", "a\u202Eb")) {
            assertFalse(PlainText.storable(text), () -> "accepted: " + text.codePoints()
                    .mapToObj(Integer::toHexString).toList());
        }
    }

    /** The attacker's second pass: private use, noncharacters, unassigned, and a joiner between ordinary letters. */
    @Test
    void privateUseNoncharactersUnassignedAndAJoinerOutsideAnEmojiAreRefused() {
        for (String text : List.of("\uE000", "a\uDB80\uDC00", "\uD83F\uDFFE", "\u0E00", "t\u200Dx", "\u200D",
                "\uD83D\uDE00\u200D", "a\u200D\uD83D\uDE00")) {
            assertFalse(PlainText.storable(text), text.codePoints().mapToObj(Integer::toHexString).toList().toString());
        }
        // a family emoji (man, joiner, woman) and a heart with its selector are still kept
        assertTrue(PlainText.storable("\uD83D\uDC68\u200D\uD83D\uDC69 一家"));
        assertTrue(PlainText.storable("\u2764\uFE0F\u200D\uD83D\uDD25"));
    }

    @Test
    void aNameHoldsNothingInvisibleAtAll() {
        for (String name : List.of("\u3164\u3164", "\u2800", "a\u2028b", "A\u034FB", "王\u200D建国", "王\uFE0F建国",
                "王\n建国")) {
            assertFalse(PlainText.name(name), () -> "accepted: " + name.codePoints()
                    .mapToObj(Integer::toHexString).toList());
        }
    }

    @Test
    void textIsShortenedWithoutCuttingACharacterInTwo() {
        String jiXiang = "\uD842\uDFB7"; // 𠮷, outside the basic plane: two UTF-16 units
        String text = "I".repeat(44) + jiXiang + "IIII";
        // a cut at 45 units fell between the two halves of 𠮷 and left a lone surrogate, which is not storable
        assertEquals("I".repeat(44), PlainText.shortened(text, 45));
        assertTrue(PlainText.storable(PlainText.shortened(text, 45)));
        assertEquals("I".repeat(44) + jiXiang, PlainText.shortened(text, 46));
        assertEquals(text, PlainText.shortened(text, 100));
        assertEquals("", PlainText.shortened(null, 10));
        assertEquals("😀", PlainText.shortened("😀😀", 3));
    }
}
