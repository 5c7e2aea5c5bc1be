package cn.moralbank.web.security;

import cn.moralbank.points.people.PasswordResets;
import cn.moralbank.points.people.Sessions;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * What a token says about its sign-in: the person's session version ({@link Sessions#VERSION_CLAIM}; a token of an
 * older one is refused, see {@link SessionClaims}) and whether a temporary password must be changed first
 * ({@value #MUST_CHANGE}, see {@link PasswordChangeFirst}).
 */
@Singleton
public class SignInClaims {
    public static final String MUST_CHANGE = "pwc";

    /** Looked up when first used: the data layer's own beans reach back to authentication while being built. */
    private final BeanProvider<Sessions> sessions;
    private final BeanProvider<PasswordResets> resets;

    SignInClaims(BeanProvider<Sessions> sessions,
                  BeanProvider<PasswordResets> resets) {
        this.sessions = sessions;
        this.resets = resets;
    }

    Map<String, Object> of(String username) {
        Map<String, Object> claims = new HashMap<>();
        claims.put(Sessions.VERSION_CLAIM, sessions.get().version(username));
        if (resets.get().pending(username)) {
            claims.put(MUST_CHANGE, true);
        }
        return claims;
    }
}
