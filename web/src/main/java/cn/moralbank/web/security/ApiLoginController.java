package cn.moralbank.web.security;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.http.ClientAddress;
import cn.moralbank.points.access.Throttles;

import cn.moralbank.points.people.People;
import cn.moralbank.web.i18n.Messages;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Sign-in for API clients (a county platform, a WeChat mini-program): username and password in JSON, a bearer JWT
 * back. People in a browser sign in at /login and get the token in an HttpOnly cookie instead.
 */
@Controller("/api/login")
@Secured(SecurityRule.IS_ANONYMOUS)
class ApiLoginController {
    private final People people;
    private final SignInClaims claims;
    private final ClientAddress addresses;
    private final JwtTokenGenerator tokens;
    private final int expirySeconds;

    private final Messages messages;
    private final ErrorResponseProcessor<?> problems;

    ApiLoginController(People people, SignInClaims claims, ClientAddress addresses, JwtTokenGenerator tokens,
                       Messages messages, ErrorResponseProcessor<?> problems,
                       @Value("${moralbank.api-token-seconds:3600}") int expirySeconds) {
        this.people = people;
        this.claims = claims;
        this.messages = messages;
        this.problems = problems;
        this.addresses = addresses;
        this.tokens = tokens;
        this.expirySeconds = expirySeconds;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> login(HttpRequest<?> request, @Body @Valid Credentials credentials) {
        // compared only through Passwords, which claims a try per address and account first; held back, it throws
        // Throttles.HeldBack (429 with Retry-After and the wait in the caller's language, DomainErrors), and the
        // right password is not tried meanwhile
        var signedIn = people.authenticate(credentials.username(), credentials.password(), addresses.of(request));
        if (signedIn.isEmpty()) {
            throw AuthenticationResponse.exception(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        var authentication = ActorClaims.authentication(signedIn.get(),
                claims.of(signedIn.get().actor().userId())).getAuthentication().orElseThrow();
        String token = tokens.generateToken(authentication, expirySeconds)
                .orElseThrow(() -> new IllegalStateException("no token generator configured"));
        return HttpResponse.status(HttpStatus.OK).body(new Token(token, "Bearer", expirySeconds,
                signedIn.get().actor().role().name()));
    }

    @Serdeable
    record Credentials(@NotBlank @Size(max = 50) String username, @NotBlank @Size(max = 200) String password) {
    }

    @Serdeable
    record Token(String access_token, String token_type, int expires_in, String role) {
    }
}
