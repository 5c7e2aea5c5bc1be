package cn.moralbank.web.security;

import cn.moralbank.points.people.PersonSessions;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * A token signed in under an older session version than the person's is refused: a deactivation, a move, a role
 * change or a password reset ends every session at once. PersonSessions holds the versions in memory (a revocation
 * on this node counts at once) and reads them again every few seconds for revocations made on other nodes; so a
 * request never waits on the database.
 */
@Singleton
class CurrentSessionsOnly implements GenericJwtClaimsValidator<HttpRequest<?>> {
    /** Looked up when first used: the data layer's own beans reach back to authentication while being built. */
    private final BeanProvider<PersonSessions> sessions;

    CurrentSessionsOnly(BeanProvider<PersonSessions> sessions) {
        this.sessions = sessions;
    }

    @Scheduled(fixedDelay = "${moralbank.security.inactive-refresh:10s}")
    void refresh() {
        sessions.get().reload();
    }

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        Object subject = claims.get(Claims.SUBJECT);
        if (subject == null) {
            return true;
        }
        Object held = claims.get(SessionClaims.VERSION);
        int version = held instanceof Number n ? n.intValue() : 0;
        return sessions.get().latest(subject.toString()) <= version;
    }
}
