package cn.moralbank.web.pages;

import cn.moralbank.points.people.Person;
import cn.moralbank.points.people.PersonRepository;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * People's names for pages that record who did something by login name (经办 on passbooks and stock books, the
 * kiosk on a receipt, who opened a rating round): a village reads 河东村爱心超市 1号机 or 王建国（管理员）, not
 * hedong.kiosk1. A name not found (a system step, a person removed) is shown as it was recorded. Every page's
 * model has it as {@code people}: {@code ${people.of(l.recordedBy)}}.
 */
@Singleton
public class PeopleNames {
    private final PersonRepository persons;
    private final Cache<String, String> names = Caffeine.newBuilder().maximumSize(5_000)
            .expireAfterWrite(Duration.ofMinutes(5)).build();

    PeopleNames(PersonRepository persons) {
        this.persons = persons;
    }

    public String of(String username) {
        if (username == null || username.isBlank()) {
            return "";
        }
        return names.get(username, u -> persons.findByUsername(u).map(Person::displayName)
                .filter(n -> !n.isBlank()).orElse(u));
    }
}
