package cn.moralbank.web.security;

import io.micronaut.security.token.claims.JtiGenerator;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * Every token gets an id of its own ({@code jti}, random): two sign-ins of one person within the same second
 * would otherwise be the very same token, and so the same session cookie and the same CSRF token (which
 * {@link CsrfFilter} derives from the session cookie). Each sign-in is a session of its own.
 */
@Singleton
class SessionIds implements JtiGenerator {
    @Override
    public String generateJtiClaim() {
        return UUID.randomUUID().toString();
    }
}
