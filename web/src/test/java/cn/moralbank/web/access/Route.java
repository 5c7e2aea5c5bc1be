package cn.moralbank.web.access;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of the expectation table: a method and path template (its variables named by the kind of thing they
 * take), the roles that may call it, its scope and, for a write, the body sent.
 */
record Route(String method, String template, Set<String> roles, Scope scope, String body) {
    static final String ENTRY = "{\"entryId\":\"m-{uuid}\",\"points\":1,\"reason\":\"矩阵\"}";
    static final String RULE = "{\"code\":\"M{short}\",\"name\":\"矩阵规则\",\"category\":\"SOCIAL\",\"points\":5,"
            + "\"evidence\":\"NONE\"}";
    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z]+)}");

    static Route read(String line, String roles, Scope scope) {
        return of(line, roles, scope, null);
    }

    static Route write(String line, String roles, Scope scope, String body) {
        return of(line, roles, scope, body);
    }

    private static Route of(String line, String roles, Scope scope, String body) {
        String[] parts = line.split(" ", 2);
        return new Route(parts[0], parts[1], new LinkedHashSet<>(Arrays.asList(roles.split(" "))), scope, body);
    }

    /** The template with every variable as {}: how this line is matched against the router's routes. */
    String shape() {
        return method + " " + VARIABLE.matcher(template).replaceAll("{}");
    }

    /** The kinds of thing the path and body take from a place (without the per-call uuid and short). */
    Set<String> kinds() {
        Set<String> kinds = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(template + (body == null ? "" : body));
        while (m.find()) {
            if (!m.group(1).equals("uuid") && !m.group(1).equals("short")) {
                kinds.add(m.group(1));
            }
        }
        return kinds;
    }

    boolean isWrite() {
        return !method.equals("GET");
    }

    boolean api() {
        return template.startsWith("/api/");
    }

    boolean anonymous() {
        return roles.contains("ANON");
    }

    boolean allows(String role) {
        return anonymous() || roles.contains("AUTH") || roles.contains(role);
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
