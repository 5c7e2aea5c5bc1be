package cn.moralbank.points.common;

import java.util.List;

/** Input the business refuses (duplicate card number, a date in the future...): 422 with a message code. */
public class BadInput extends RuntimeException {
    private final String code;
    private final List<Object> arguments;

    public BadInput(String code, Object... arguments) {
        super(code + " " + List.of(arguments));
        this.code = code;
        this.arguments = List.of(arguments);
    }

    public String code() {
        return code;
    }

    public List<Object> arguments() {
        return arguments;
    }
}
