package cn.moralbank.web.security;

import cn.moralbank.points.people.Sessions;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.event.LogoutEvent;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * Signing out ends the person's sessions, not just this browser's cookie: their token version moves on, so a copy of
 * the token (another tab, another device, a stolen cookie) is refused at once on every node.
 */
@Singleton
class RevokeOnLogout implements ApplicationEventListener<LogoutEvent> {
    /** A provider: resolved at the first request, after the data source (security beans are built early). */
    private final Provider<Sessions> sessions;

    RevokeOnLogout(Provider<Sessions> sessions) {
        this.sessions = sessions;
    }

    @Override
    public void onApplicationEvent(LogoutEvent event) {
        if (event.getSource() instanceof Authentication authentication) {
            sessions.get().revoke(authentication.getName());
        }
    }
}
