package cn.moralbank.web.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An error as RFC 7807 problem+json: {@code title} and {@code detail} in the caller's language, {@code code} a
 * stable key a client can switch on, {@code errors} one line per bad field when there are several.
 */
@Serdeable
public record Problem(String type, String title, int status, String detail, @Nullable String code,
                      @Nullable String instance, @Nullable List<String> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
