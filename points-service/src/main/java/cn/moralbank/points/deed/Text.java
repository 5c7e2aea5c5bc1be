package cn.moralbank.points.deed;

import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.deed.api.DeedRefusal;
import org.jmolecules.architecture.onion.simplified.DomainRing;

/** Free text of deeds and sessions: stripped, required where the business needs a reason, never over its column. */
@DomainRing
final class Text {
    private Text() {
    }

    static String required(String text, int max, String code) {
        String s = optional(text, max, code);
        if (s.isEmpty()) {
            throw new DeedRefusal(code);
        }
        return s;
    }

    static String optional(String text, int max, String code) {
        String s = text == null ? "" : text.strip();
        if (!PlainText.storable(s)) {
            throw new DeedRefusal("deed.text.unstorable");
        }
        if (s.length() > max) {
            throw new DeedRefusal(code, max);
        }
        return s;
    }
}
