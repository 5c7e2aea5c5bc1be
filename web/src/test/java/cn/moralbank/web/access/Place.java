package cn.moralbank.web.access;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A place in the region tree and one thing of every kind found there (a household, its card, a deed, a session, the
 * village or county id, a supermarket, a product, a voucher, a rule...), to fill a route's path variables with.
 *
 * @param path      the region path the things lie in (a grid, a village, a township or a county)
 * @param household the household these things belong to
 */
record Place(String name, String path, String household, Map<String, String> ids) {

    /** The id of a kind of thing here, or null when this place has none (the cell is then not applicable). */
    String id(String kind) {
        // {setaside}: a deed, for a route that changes no deed (the set-aside page's Try again): no fresh deed per cell
        return ids.get("setaside".equals(kind) ? "deed" : kind);
    }

    /** A body with every {kind} filled, as it is. */
    String fillBody(String template) {
        String body = template;
        var m = Pattern.compile("\\{([a-z]+)}").matcher(template);
        while (m.find()) {
            if (id(m.group(1)) != null) {
                body = body.replace(m.group(), id(m.group(1)));
            }
        }
        return body;
    }

    /** The path with every {kind} filled, or null when one of the kinds has no thing here. */
    String fill(String template) {
        String path = template;
        var m = Pattern.compile("\\{([a-z]+)}").matcher(template);
        while (m.find()) {
            String value = id(m.group(1));
            if (value == null) {
                return null;
            }
            path = path.replace(m.group(), URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return path;
    }
}
