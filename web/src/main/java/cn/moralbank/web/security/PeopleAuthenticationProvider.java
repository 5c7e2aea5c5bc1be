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
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * Checks a username and password against the people table (bcrypt, on the blocking executor) and puts the
 * person's role and scope into the token, so every later request knows them without a lookup.
 */
@Singleton
class PeopleAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    private final People people;
    // Providers: the authenticator's condition looks for this bean while the data source is still being built, and
    // the database beans behind these would close a circle; they are resolved at the first sign-in instead
    private final Provider<SignInClaims> claimsProvider;
    private final Provider<LoginThrottle> throttleProvider;

    PeopleAuthenticationProvider(People people, Provider<SignInClaims> claims, Provider<LoginThrottle> throttle) {
        this.people = people;
        this.claimsProvider = claims;
        this.throttleProvider = throttle;
    }

    @Override
    public String getExecutorName() {
        return TaskExecutors.BLOCKING;
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request,
                                               AuthenticationRequest<String, String> credentials) {
        String username = credentials.getIdentity();
        SignInClaims claims = claimsProvider.get();
        LoginThrottle throttle = throttleProvider.get();
        if (throttle.waiting(request, username).isPresent()) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
        }
        return people.authenticate(username, credentials.getSecret())
                .map(signedIn -> {
                    throttle.succeeded(username);
                    return ActorClaims.authentication(signedIn, claims.of(signedIn.actor().userId()));
                })
                .orElseGet(() -> {
                    throttle.failed(request, username);
                    return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
                });
    }
}
