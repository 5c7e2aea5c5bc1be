package cn.moralbank.web.pages.deeds;

import cn.moralbank.points.people.Person;
import cn.moralbank.points.people.PersonRepository;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Display names for the usernames events record (reporters, voters): a villager reads 王秀兰（评议委员）, not
 * hedong.c3. A name no longer found stays the username.
 */
@Singleton
class PeopleNames {
    private final PersonRepository persons;

    PeopleNames(PersonRepository persons) {
        this.persons = persons;
    }

    Map<String, String> of(Collection<String> usernames) {
        Map<String, String> names = new HashMap<>();
        for (String username : usernames) {
            names.computeIfAbsent(username, u -> persons.findByUsername(u).map(Person::displayName).orElse(u));
        }
        return names;
    }
}
