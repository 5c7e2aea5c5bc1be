package cn.moralbank.web.security;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.people.Sessions;
import com.nimbusds.jwt.JWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.RolesFinder;
import io.micronaut.security.token.config.TokenConfiguration;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A signed token proves who is asking; what they may do is their record's. Every token-authenticated request (bearer
 * or session cookie) acts with the role, scope, household and device its subject's record holds now
 * ({@link Sessions#standing}, cached at most a second), not with the claims written when the token was issued. So
 * a person moved to another township, or given another role, acts in the new one on every node within a second,
 * whoever changed the record and whether or not the change also ended their sessions; a subject with no active
 * record gets no authentication at all.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
class StandingFromRecord extends DefaultJwtAuthenticationFactory {
    /** A provider: resolved at the first request, after the data source (security beans are built early). */
    private final Provider<Sessions> sessions;
    private final String rolesClaim;

    StandingFromRecord(TokenConfiguration configuration, RolesFinder roles, Provider<Sessions> sessions) {
        super(configuration, roles);
        this.sessions = sessions;
        this.rolesClaim = configuration.getRolesName();
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        Map<String, Object> claims;
        try {
            claims = token.getJWTClaimsSet().getClaims();
        } catch (ParseException unreadable) {
            return Optional.empty();
        }
        if (!(claims.get("sub") instanceof String subject) || subject.isBlank()) {
            return Optional.empty();
        }
        Optional<Actor> now = sessions.get().standing(subject);
        if (now.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> current = ActorClaims.withStanding(claims, now.get());
        current.put(rolesClaim, List.of(now.get().role().name()));
        return createAuthentication(current);
    }
}
