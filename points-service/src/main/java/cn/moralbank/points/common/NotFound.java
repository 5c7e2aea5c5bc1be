package cn.moralbank.points.common;

/** Something named by the caller does not exist: answered with 404. The code names a message in the i18n bundle. */
public class NotFound extends RuntimeException {
    private final String code;
    private final Object subject;

    public NotFound(String code, Object subject) {
        super(code + ": " + subject);
        this.code = code;
        this.subject = subject;
    }

    public String code() {
        return code;
    }

    public Object subject() {
        return subject;
    }
}
