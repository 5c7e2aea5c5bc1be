package cn.moralbank.web.security;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.people.Sessions;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Date;

/**
 * What a token must say to be accepted, beyond its signature: an expiry ({@code exp}) still ahead and no further
 * from its issue ({@code iat}, required, not in the future) or from now than the longest life this application
 * gives a token (a token signed with a leaked secret cannot be made to live for years), no {@code nbf}
 * in the future, this application as its issuer ({@code iss}), a subject ({@code sub}) that exists, is active and
 * has not been revoked since the token was issued (its {@code ver} claim, checked against {@link Sessions} on each
 * request, cached at most a second), an id ({@code jti}, which every sign-in's token gets from {@link SessionIds}),
 * and a scope that names a region ({@code ""} or {@code /} cover nothing).
 * A token signed with the right secret but missing any of these is refused as if it were forged.
 */
@Singleton
class SessionClaims implements GenericJwtClaimsValidator<HttpRequest<?>> {
    /** Clock skew allowed between nodes for exp and nbf. */
    private static final long SKEW_SECONDS = 30;
    /** A provider: resolved at the first request, after the data source (security beans are built early). */
    private final Provider<Sessions> sessions;
    private final String issuer;
    /** The longest life this application gives a token: the session cookie's or the API token's. */
    private final long lifetimeSeconds;

    SessionClaims(Provider<Sessions> sessions, @Value("${micronaut.application.name}") String issuer,
                  @Value("${micronaut.security.token.jwt.generator.access-token.expiration:3600}") long cookieSeconds,
                  @Value("${moralbank.api-token-seconds:3600}") long apiSeconds) {
        this.sessions = sessions;
        this.issuer = issuer;
        this.lifetimeSeconds = Math.max(cookieSeconds, apiSeconds);
    }

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        Instant now = Instant.now();
        Instant expiry = instant(claims.get(Claims.EXPIRATION_TIME));
        Instant issued = instant(claims.get(Claims.ISSUED_AT));
        Instant notBefore = instant(claims.get(Claims.NOT_BEFORE));
        Object subject = claims.get(Claims.SUBJECT);
        Object version = claims.get(Sessions.VERSION_CLAIM);
        return expiry != null && expiry.isAfter(now.minusSeconds(SKEW_SECONDS))
                && issued != null && !issued.isAfter(now.plusSeconds(SKEW_SECONDS))
                && !expiry.isAfter(issued.plusSeconds(lifetimeSeconds + SKEW_SECONDS))
                && !expiry.isAfter(now.plusSeconds(lifetimeSeconds + SKEW_SECONDS))
                && (claims.get(Claims.NOT_BEFORE) == null
                    || notBefore != null && !notBefore.isAfter(now.plusSeconds(SKEW_SECONDS)))
                && issuer.equals(String.valueOf(claims.get(Claims.ISSUER)))
                // a subject the database can be asked about: a NUL in it made the session check fail with a 500
                && subject instanceof String name && !name.isBlank() && name.length() <= 100
                && PlainText.name(name)
                && version instanceof Number number && (number instanceof Long || number instanceof Integer)
                // the application issues no audience: a token naming one was made for something else
                && claims.get(Claims.AUDIENCE) == null
                // every sign-in's token has an id of its own (SessionIds): one without is not one of ours
                && claims.get("jti") instanceof String id && !id.isBlank() && id.length() <= 64
                && ActorClaims.isRegionPath(claims.get("scope"))
                && sessions.get().current(name, number.longValue());
    }

    private static Instant instant(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return null;
    }
}
