package cn.moralbank.points.infra.json;

import io.micronaut.serde.exceptions.SerdeException;

/**
 * A JSON value that is not what its field takes (a text or a fraction for a whole number, a control character in a
 * text...). {@link #code()} is a message key; the problem renderer names the field in the caller's language.
 */
public final class JsonValueRefused extends SerdeException {
    private final String code;

    public JsonValueRefused(String code) {
        super(code);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
