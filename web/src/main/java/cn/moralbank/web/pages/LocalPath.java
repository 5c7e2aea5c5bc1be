package cn.moralbank.web.pages;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one check of a page's "back to" address that a form or link sends (the language switch, the dashboard's
 * inspection note): a path of this site, or the fallback. Browsers read "/\evil.example" and "/<tab>/evil.example" as
 * "//evil.example", another site, so a backslash, a control character or a space anywhere gives the fallback; so does
 * an address that is not one (a stray %, an unescaped space), which URI.create refused with a 500.
 */
public final class LocalPath {
    private LocalPath() {
    }

    /** {@code back} if it is a path of this site under {@code within} (e.g. "/dashboard"), else {@code fallback}. */
    public static URI of(String back, String within, String fallback) {
        URI local = of(back);
        return local != null && local.getRawPath() != null && local.getRawPath().startsWith(within) ? local
                : URI.create(fallback);
    }

    /** {@code back} as a path of this site, or null. */
    static URI of(String back) {
        if (back == null || back.length() > 2000 || !back.startsWith("/") || back.startsWith("//")
                || back.chars().anyMatch(c -> c == '\\' || c <= ' ' || c == 0x7F || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT)) {
            return null;
        }
        try {
            URI uri = new URI(back);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
