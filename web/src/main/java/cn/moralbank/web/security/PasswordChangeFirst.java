package cn.moralbank.web.security;

import cn.moralbank.web.i18n.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.Authentication;

import java.net.URI;
import java.util.List;

/**
 * A person signed in with a temporary password (set by their manager) does nothing else until they choose their own:
 * a page asks for it (redirect to /password), an API call is refused with 403 and says why.
 */
@ServerFilter("/**")
class PasswordChangeFirst implements Ordered {
    private static final List<String> OPEN = List.of("/password", "/api/me/password", "/logout", "/login",
            "/api/login", "/static/", "/vendor/", "/favicon");

    private final Messages messages;
    private final ErrorResponseProcessor<?> problems;

    PasswordChangeFirst(Messages messages, ErrorResponseProcessor<?> problems) {
        this.messages = messages;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        boolean pending = request.getUserPrincipal(Authentication.class)
                .map(a -> Boolean.TRUE.equals(a.getAttributes().get(SignInClaims.MUST_CHANGE))).orElse(false);
        String path = request.getPath();
        if (!pending || OPEN.stream().anyMatch(path::startsWith)) {
            return null;
        }
        if (path.startsWith("/api/")) {
            return problems.processResponse(ErrorContext.builder(request)
                    .errorMessage(messages.get(request, "person.password.must-change")).build(),
                    HttpResponse.status(HttpStatus.FORBIDDEN));
        }
        return HttpResponse.seeOther(URI.create("/password"));
    }
}
