package cn.moralbank.points.testing;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/**
 * Base of tests that run the application context on a real PostgreSQL: each test class gets its own database,
 * migrated by Flyway. Test classes add {@code @MicronautTest(transactional = false)}: commands go through Axon, whose
 * transactions must commit for anything to reach the event store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseTest implements TestPropertyProvider {
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>();
        TestDatabase.freshDatabaseProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
        return props;
    }
}
