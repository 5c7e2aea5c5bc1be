package cn.moralbank.points.access;

/** The caller's scope does not cover what they asked for: answered with 403, whatever the URL says. */
public class AccessDenied extends RuntimeException {
    public AccessDenied(String what) {
        super("outside your scope: " + what);
    }
}
