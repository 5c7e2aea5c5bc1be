package cn.moralbank.web.security;

import cn.moralbank.points.people.People;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * A token of a person who was deactivated (left the village office, a kiosk taken out of service) is refused, though
 * it has not expired. The list of deactivated usernames is read from the people table every few seconds, off the
 * request path, so checking a token never waits on the database.
 */
@Singleton
class ActivePeopleOnly implements GenericJwtClaimsValidator<HttpRequest<?>> {
    private final People people;
    private volatile Set<String> inactive;

    ActivePeopleOnly(People people) {
        this.people = people;
        this.inactive = people.inactiveUsernames();
    }

    @Scheduled(fixedDelay = "${moralbank.security.inactive-refresh:10s}")
    void refresh() {
        inactive = people.inactiveUsernames();
    }

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        Object subject = claims.get(Claims.SUBJECT);
        return subject == null || !inactive.contains(subject.toString());
    }
}
