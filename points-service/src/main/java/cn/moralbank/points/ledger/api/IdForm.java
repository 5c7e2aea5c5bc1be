package cn.moralbank.points.ledger.api;

/**
 * The form of an identifier's text: ASCII letters and digits, and the {@code others} characters, from {@code min} to
 * {@code max} long. Checked character by character: every event holds identifiers, and a regular expression for each
 * showed in a rebuild's profile (docs/performance.md, "Session 12").
 */
public record IdForm(int min, int max, String others) {

    public boolean matches(String value) {
        int length = value.length();
        if (length < min || length > max) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || others.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }
}
