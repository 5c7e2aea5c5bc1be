package cn.moralbank.points.common;

/**
 * What typed text may hold before it reaches an event or a table. PostgreSQL refuses a NUL character in text, so a
 * NUL that reached an event would stop the projection that copies it into a table; a lone surrogate is not text at
 * all; control characters and bidi overrides (U+202E...) only hide or reverse what a page shows. Names shown in lists
 * must also be free of invisible characters (zero-width space, joiners, BOM), so two names that look alike are alike.
 */
public final class PlainText {
    private PlainText() {
    }

    /**
     * The text cut to at most {@code max} UTF-16 units without cutting a character in two: a cut through a
     * character outside the basic plane (𠮷, an emoji) left a lone surrogate, which {@link #storable} refuses, so a
     * checkout whose goods named one was refused for text the villager never typed.
     */
    public static String shortened(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * Free text (descriptions, reasons, addresses): line breaks and tabs allowed, nothing that cannot be kept, nothing
     * invisible but the variation selector of emoji (a heart is U+2764 U+FE0F) and the joiner inside an emoji
     * sequence, no private-use, noncharacter or unassigned code point, and not only marks: a text of combining accents
     * or fillers alone looks empty where it is shown.
     */
    public static boolean storable(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || control(c) || bidiOverride(c) || c == '\uFFFE' || c == '\uFFFF') {
                return false;
            }
        }
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            int type = Character.getType(cp);
            if (type == Character.PRIVATE_USE || type == Character.UNASSIGNED) {
                return false; // shows as a box or nothing: private use, noncharacters, code points not assigned
            }
            if (cp == 0x200D ? !joinsEmoji(cps, i) : invisible(cp) && cp != 0xFE0F) {
                return false;
            }
        }
        return text.isBlank() || text.codePoints().anyMatch(PlainText::visible);
    }

    /** The zero-width joiner only inside an emoji sequence (a symbol, its selector or skin tone, then a symbol). */
    private static boolean joinsEmoji(int[] cps, int at) {
        if (at == 0 || at + 1 >= cps.length) {
            return false;
        }
        int before = cps[at - 1];
        boolean emojiBefore = Character.getType(before) == Character.OTHER_SYMBOL || before == 0xFE0F
                || before >= 0x1F3FB && before <= 0x1F3FF;
        return emojiBefore && Character.getType(cps[at + 1]) == Character.OTHER_SYMBOL;
    }

    /** A name (of a household, a product, a rule): storable, one line, nothing invisible at all. */
    public static boolean name(String text) {
        return storable(text) && (text == null || text.codePoints().noneMatch(
                cp -> cp == '\n' || cp == '\r' || cp == '\t' || invisible(cp)));
    }

    /**
     * Characters that show nothing: formatting characters (zero-width space and joiners, soft hyphen, word joiner, BOM,
     * tags), Unicode's other default-ignorable ones (fillers, variation selectors, the grapheme joiner), the braille
     * blank, and the line and paragraph separators (a line break is \n).
     */
    static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800
                || (cp >= 0x17B4 && cp <= 0x17B5) || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0000 && cp <= 0xE0FFF) || (cp >= 0x1BCA0 && cp <= 0x1BCA3);
    }

    /** A character that shows something: not a space, not a mark on its own, not invisible. */
    private static boolean visible(int cp) {
        int type = Character.getType(cp);
        return !Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && !invisible(cp)
                && type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
                && type != Character.COMBINING_SPACING_MARK;
    }

    private static boolean control(char c) {
        return (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || (c >= 0x7F && c <= 0x9F);
    }

    private static boolean bidiOverride(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
