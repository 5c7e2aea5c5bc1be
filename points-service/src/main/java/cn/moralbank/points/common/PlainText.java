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

    /** Free text (descriptions, reasons, addresses): line breaks and tabs allowed, nothing that cannot be kept. */
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
        return true;
    }

    /** A name (of a household, a product, a rule): storable, one line, no invisible formatting characters. */
    public static boolean name(String text) {
        return storable(text) && (text == null || text.codePoints().noneMatch(
                cp -> cp == '\n' || cp == '\r' || cp == '\t' || Character.getType(cp) == Character.FORMAT));
    }

    private static boolean control(char c) {
        return (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || (c >= 0x7F && c <= 0x9F);
    }

    private static boolean bidiOverride(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
