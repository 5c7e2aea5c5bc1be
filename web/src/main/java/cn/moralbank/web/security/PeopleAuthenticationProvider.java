package cn.moralbank.web.security;

import cn.moralbank.points.access.ActorClaims;

import cn.moralbank.points.people.People;
import cn.moralbank.points.people.SignedIn;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;

/**
 * Checks a username and password against the people table (bcrypt, on the blocking executor) and puts the
 * person's role and scope into the token, so every later request knows them without a lookup.
 */
@Singleton
class PeopleAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    private final People people;
    private final LoginThrottle throttle;
    private final SessionClaims sessions;

    PeopleAuthenticationProvider(People people, LoginThrottle throttle, SessionClaims sessions) {
        this.people = people;
        this.throttle = throttle;
        this.sessions = sessions;
    }

    @Override
    public String getExecutorName() {
        return TaskExecutors.BLOCKING;
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request,
                                               AuthenticationRequest<String, String> credentials) {
        String username = credentials.getIdentity();
        if (throttle.isLocked(username)) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
        }
        return people.authenticate(username, credentials.getSecret())
                .map(signedIn -> {
                    throttle.succeeded(username);
                    return ActorClaims.authentication(signedIn, sessions.of(username));
                })
                .orElseGet(() -> {
                    throttle.failed(username);
                    return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
                });
    }
}
