package cn.moralbank.points.access;

import cn.moralbank.points.people.Sessions;
import cn.moralbank.points.people.SignedIn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import org.jmolecules.architecture.onion.simplified.ApplicationRing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves an actor into a token's claims and back (role, scope path, household, device), so every request knows
 * who is acting and where without a lookup.
 */
@ApplicationRing
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

    /**
     * The claims of a token for someone just signed in, with claims about the sign-in itself: the session version of
     * its subject ({@link cn.moralbank.points.people.Sessions#VERSION_CLAIM}: a later revoke refuses the token) and a
     * pending password change.
     */
    public static AuthenticationResponse authentication(SignedIn signedIn, long sessionVersion) {
        return authentication(signedIn, Map.of(Sessions.VERSION_CLAIM, sessionVersion));
    }

    /** The same, with any claims about the sign-in (the session version among them). */
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

    /**
     * A token's claims with who its subject is now put in place of what the token said when it was issued: role,
     * scope, household and device, as {@link cn.moralbank.points.people.Sessions#standing} reads them from the
     * record. The signed token proves who is asking; what they may do is the record's.
     */
    public static Map<String, Object> withStanding(Map<String, Object> claims, Actor now) {
        Map<String, Object> current = new HashMap<>(claims);
        current.put(ROLE, now.role().name());
        current.put(SCOPE, now.regionPath());
        current.remove(HOUSEHOLD);
        current.remove(DEVICE);
        if (now.householdId() != null) {
            current.put(HOUSEHOLD, now.householdId());
        }
        if (now.device() != null) {
            current.put(DEVICE, now.device());
        }
        return current;
    }

    /**
     * Whether a scope claim names a region: a path of region ids such as {@code /1/4/17/}. An empty scope or
     * {@code /} (which every path starts with) names none, and covers nothing.
     */
    public static boolean isRegionPath(Object scope) {
        return scope instanceof String path && path.matches("(/[0-9]{1,18})+/");
    }

    /** The actor of a signed-in request; a token whose scope names no region acts nowhere. */
    public static Actor of(Authentication authentication) {
        Map<String, Object> claims = authentication.getAttributes();
        if (!isRegionPath(claims.get(SCOPE))) {
            throw new AccessDenied("a token without a region scope");
        }
        return new Actor(authentication.getName(), Role.valueOf((String) claims.get(ROLE)),
                (String) claims.get(SCOPE), (String) claims.get(HOUSEHOLD), (String) claims.get(DEVICE));
    }

    public static String displayName(Authentication authentication) {
        Object name = authentication.getAttributes().get(NAME);
        return name == null ? authentication.getName() : name.toString();
    }
}
