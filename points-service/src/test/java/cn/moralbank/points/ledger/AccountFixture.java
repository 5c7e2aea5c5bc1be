package cn.moralbank.points.ledger;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;

/**
 * Axon's given/when/then fixture for {@link HouseholdAccount}, with the account's remembered entries in memory: the
 * given events are booked there as the command handlers would have booked them, and the handlers get the map as
 * their {@link RememberedEntries} parameter.
 */
final class AccountFixture {
    final EntriesInMemory entries = new EntriesInMemory();
    private final FixtureConfiguration<HouseholdAccount> fixture = new AggregateTestFixture<>(HouseholdAccount.class);

    AccountFixture() {
        fixture.registerInjectableResource(entries);
    }

    TestExecutor<HouseholdAccount> given(Object... events) {
        entries.given(events);
        return fixture.given(events);
    }

    TestExecutor<HouseholdAccount> givenNoPriorActivity() {
        return fixture.givenNoPriorActivity();
    }
}
