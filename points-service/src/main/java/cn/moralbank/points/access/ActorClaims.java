package cn.moralbank.points.access;

import cn.moralbank.points.people.SignedIn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves an actor into a token's claims and back (role, scope path, household, device), so every request knows
 * who is acting and where without a lookup.
 */
public final class ActorClaims {
    static final String ROLE = "role";
    static final String SCOPE = "scope";
    static final String HOUSEHOLD = "hh";
    static final String DEVICE = "device";
    static final String NAME = "name";

    private ActorClaims() {
    }

    public static AuthenticationResponse authentication(SignedIn signedIn) {
        return authentication(signedIn, Map.of());
    }

    /** The same, with claims about the sign-in itself (the person's session version, a pending password change). */
    public static AuthenticationResponse authentication(SignedIn signedIn, Map<String, Object> sessionClaims) {
        Actor actor = signedIn.actor();
        Map<String, Object> claims = new HashMap<>(sessionClaims);
        claims.put(ROLE, actor.role().name());
        claims.put(SCOPE, actor.regionPath());
        claims.put(NAME, signedIn.displayName());
        if (actor.householdId() != null) {
            claims.put(HOUSEHOLD, actor.householdId());
        }
        if (actor.device() != null) {
            claims.put(DEVICE, actor.device());
        }
        return AuthenticationResponse.success(actor.userId(), List.of(actor.role().name()), claims);
    }

    /** The actor of a signed-in request. */
    public static Actor of(Authentication authentication) {
        Map<String, Object> claims = authentication.getAttributes();
        return new Actor(authentication.getName(), Role.valueOf((String) claims.get(ROLE)),
                (String) claims.get(SCOPE), (String) claims.get(HOUSEHOLD), (String) claims.get(DEVICE));
    }

    public static String displayName(Authentication authentication) {
        Object name = authentication.getAttributes().get(NAME);
        return name == null ? authentication.getName() : name.toString();
    }
}
