package cn.moralbank.web.bench;

import io.micronaut.context.ApplicationContext;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Loading a household's account as the repository does when it is not cached: its latest snapshot and the events
 * after it, read from the event store and deserialised. The household with ten years of entries against a new one.
 * Run by {@link Bench} in a forked JVM; the database and households come as system properties.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AggregateLoadBenchmark {
    @Param({"deep", "new"})
    public String household;

    private ApplicationContext context;
    private EventStore eventStore;
    private String id;

    @Setup(Level.Trial)
    public void start() {
        context = ApplicationContext.builder().properties(Map.of(
                "datasources.default.url", System.getProperty("bench.db.url"),
                "datasources.default.username", System.getProperty("bench.db.user"),
                "datasources.default.password", System.getProperty("bench.db.password", ""),
                "moralbank.jwt-secret", "benchmark-secret-benchmark-secret-0123456789",
                "moralbank.demo.load", "false",
                "micronaut.server.port", "-1")).start();
        eventStore = context.getBean(Configuration.class).eventStore();
        id = System.getProperty(household.equals("deep") ? "bench.household.deep" : "bench.household.new");
    }

    @Benchmark
    public long load() {
        return eventStore.readEvents(id).asStream().map(DomainEventMessage::getPayload).count();
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
    }
}
