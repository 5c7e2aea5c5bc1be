package cn.moralbank.web.security;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.http.ClientAddress;
import cn.moralbank.points.access.Throttles;

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
    private final Provider<People> people;
    // Providers: the authenticator's condition looks for this bean while the data source is still being built, and
    // the database beans behind these (People's passwords are throttled in PostgreSQL) would close a circle; they are resolved at the first sign-in instead
    private final Provider<SignInClaims> claimsProvider;
    private final Provider<ClientAddress> addressProvider;

    PeopleAuthenticationProvider(Provider<People> people, Provider<SignInClaims> claims, Provider<ClientAddress> addresses) {
        this.people = people;
        this.claimsProvider = claims;
        this.addressProvider = addresses;
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
        try {
            // the password is compared only through Passwords, which claims a try per address and account first
            return people.get().authenticate(username, credentials.getSecret(), addressProvider.get().of(request))
                    .map(signedIn -> ActorClaims.authentication(signedIn, claims.of(signedIn.actor().userId())))
                    .orElseGet(() -> AuthenticationResponse.failure(
                            AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH));
        } catch (Throttles.HeldBack heldBack) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
        }
    }
}
