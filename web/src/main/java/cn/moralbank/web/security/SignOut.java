package cn.moralbank.web.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.endpoints.LogoutController;
import io.micronaut.security.event.LogoutEvent;
import io.micronaut.security.handlers.LogoutHandler;
import io.micronaut.security.rules.SecurityRule;

/**
 * Signing out, {@code POST /logout}, from a page's form, a script's JSON or an API client that sends no body at all
 * (micronaut-security's own controller took only forms and JSON and answered an empty 404 to a bearer token's bare
 * POST). The person's sessions end ({@link RevokeOnLogout}, on the logout event) and the session cookie is cleared.
 * {@code GET /logout} is refused (405): a link or an image must not sign anyone out.
 */
@Controller("/logout")
@Replaces(LogoutController.class)
@Secured(SecurityRule.IS_ANONYMOUS)
class SignOut {
    private final LogoutHandler<HttpRequest<?>, MutableHttpResponse<?>> handler;
    private final ApplicationEventPublisher<LogoutEvent> events;
    private final HttpHostResolver hosts;
    private final HttpLocaleResolver locales;

    SignOut(LogoutHandler<HttpRequest<?>, MutableHttpResponse<?>> handler, ApplicationEventPublisher<LogoutEvent> events,
            HttpHostResolver hosts, HttpLocaleResolver locales) {
        this.handler = handler;
        this.events = events;
        this.hosts = hosts;
        this.locales = locales;
    }

    @Post
    @Consumes(MediaType.ALL)
    MutableHttpResponse<?> signOut(HttpRequest<?> request, @Nullable Authentication authentication) {
        if (authentication != null) {
            events.publishEvent(new LogoutEvent(authentication, hosts.resolve(request),
                    locales.resolveOrDefault(request)));
        }
        return handler.logout(request);
    }

    @Get
    MutableHttpResponse<?> notByLink() {
        return HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED);
    }
}
