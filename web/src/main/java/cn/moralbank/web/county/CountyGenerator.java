package cn.moralbank.web.county;

import at.favre.lib.crypto.bcrypt.BCrypt;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.infra.axon.ProjectionReplay;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.people.Passwords;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.rules.Rule;
import cn.moralbank.points.rules.RulesCatalog;
import cn.moralbank.web.demo.DemoRules;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Generates a whole county with years of history on an empty database: master data by SQL, the history as the
 * aggregates' own events appended through Axon's storage engine, then every projection rebuilt from them. See
 * {@link CountyCommand} for the command line.
 */
@Singleton
public class CountyGenerator {
    public static final String PASSWORD = "demo1234";
    public static final String PIN = "1234";
    static final long BASE_SCORE = 60;
    static final int OBJECTION_DAYS = 7;
    private static final int BATCH = 5000;

    private final Regions regions;
    private final CountySettings settings;
    private final RulesCatalog catalog;
    private final TransactionOperations<Connection> transactions;
    private final Configuration axon;
    private final ProjectionReplay replay;
    private final CountyFigures figures;
    private final Clock clock;
    private final Passwords passwords;

    CountyGenerator(Regions regions, CountySettings settings, RulesCatalog catalog,
                    TransactionOperations<Connection> transactions, Configuration axon, ProjectionReplay replay,
                    CountyFigures figures, Clock clock, Passwords passwords) {
        this.regions = regions;
        this.settings = settings;
        this.catalog = catalog;
        this.transactions = transactions;
        this.axon = axon;
        this.replay = replay;
        this.figures = figures;
        this.clock = clock;
        this.passwords = passwords;
    }

    /** Generates the county, or refuses with {@link CountyRefusal} when the database has households already. */
    public CountyFigures.Summary generate(CountyOptions options, PrintStream out) {
        long households = figures.households();
        if (households > 0) {
            throw new CountyRefusal("The database has " + households + " households already; the county generator "
                    + "only fills an empty database.");
        }
        Random random = new Random(options.seed());
        YearMonth first = YearMonth.now(clock).minusMonths(12L * options.years() + 2);
        LocalDate start = first.atDay(1);
        Instant registered = start.atTime(8, 0).atZone(clock.getZone()).toInstant();

        long began = System.nanoTime();
        out.println("Hashing the password and the card PIN once for every person and household (bcrypt for each "
                + "would take minutes): password " + PASSWORD + ", card PIN " + PIN);
        String passwordHash = passwords.hash(PASSWORD);
        String pinHash = BCrypt.withDefaults().hashToString(Households.PIN_COST, PIN.toCharArray());
        CountyReference reference = new CountyReference(regions, settings, random, passwordHash, pinHash, registered);
        List<Rule> rules = new ArrayList<>();
        Region county = transactions.executeWrite(status -> {
            Region made = sql(() -> reference.county(status.getConnection(), BASE_SCORE, OBJECTION_DAYS));
            Map<String, Rule> byCode = new DemoRules(catalog).county(made, "county.office", start);
            rules.addAll(byCode.values());
            return made;
        });
        List<Village> villages = villages(options, reference, county);
        double referenceSeconds = seconds(began);
        out.printf("Master data: %d townships, %d villages, %,d households in %.1f s%n", options.townships(),
                villages.size(), options.households(), referenceSeconds);

        long historyBegan = System.nanoTime();
        stopProjections();
        Map<String, Long> counts = history(options, villages, rules, start, county.path(), out);
        double historySeconds = seconds(historyBegan);
        long events = counts.values().stream().mapToLong(Long::longValue).sum();
        out.printf("History: %,d events in %.1f s (%,.0f events/s)%n", events, historySeconds,
                events / Math.max(historySeconds, 0.001));

        long replayBegan = System.nanoTime();
        int status = replay.replay(null, out);
        if (status != 0) {
            throw new IllegalStateException("the projection rebuild failed with status " + status);
        }
        double replaySeconds = seconds(replayBegan);
        // the replay refreshes the statistics of the views it rebuilt; the tables written here are the generator's
        transactions.executeWrite(write -> sql(() -> {
            try (var statement = write.getConnection().createStatement()) {
                statement.execute("ANALYZE household, region, person, ledger_entry, domain_event_entry");
            }
            return null;
        }));

        Village.Home deep = villages.get(0).homes.get(0);
        var summary = figures.summary(Map.of("master data", referenceSeconds, "history", historySeconds,
                "projection rebuild", replaySeconds, "total", seconds(began)), deep.id, deep.card, deep.entries + 1);
        summary.print(out, villages.get(0).number);
        return summary;
    }

    private List<Village> villages(CountyOptions options, CountyReference reference, Region county) {
        int townshipCount = options.townships();
        int villageCount = options.villages();
        List<Region> townships = new ArrayList<>();
        transactions.executeWrite(status -> {
            for (int t = 1; t <= townshipCount; t++) {
                int number = t;
                townships.add(sql(() -> reference.township(status.getConnection(), county, number)));
            }
            return null;
        });
        List<Village> villages = new ArrayList<>();
        int[] inTownship = new int[townshipCount];
        for (int i = 0; i < villageCount; i++) {
            int t = (int) ((long) i * townshipCount / villageCount);
            int homes = (int) ((long) (i + 1) * options.households() / villageCount
                    - (long) i * options.households() / villageCount);
            int number = i + 1;
            int index = inTownship[t]++;
            villages.add(transactions.executeWrite(status -> sql(() -> reference.village(status.getConnection(),
                    townships.get(t), number, index, homes))));
        }
        return villages;
    }

    /** The history, written by {@code writers} threads, each with the villages of its own share. */
    private Map<String, Long> history(CountyOptions options, List<Village> villages, List<Rule> rules,
                                      LocalDate start, String countyPath, PrintStream out) {
        EventStorageEngine engine = axon.getComponent(EventStorageEngine.class);
        AtomicLong written = new AtomicLong();
        AtomicLong monthsDone = new AtomicLong();
        AtomicLong serials = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int months = 12 * options.years();
        List<Thread> threads = new ArrayList<>();
        List<Map<String, Long>> counts = new ArrayList<>();
        for (int w = 0; w < options.writers(); w++) {
            List<Village> share = new ArrayList<>();
            for (int i = w; i < villages.size(); i += options.writers()) {
                share.add(villages.get(i));
            }
            EventWriter writer = new EventWriter(engine, transactions, written, failure);
            Random random = new Random(options.seed() * 31 + w);
            EventSink sink = new EventSink(new Ids(random), BATCH, writer::put);
            counts.add(sink.counts());
            History history = new History(sink, random, clock.getZone(), countyPath, OBJECTION_DAYS, serials, start);
            Thread writing = new Thread(writer, "county-writer-" + w);
            Thread making = new Thread(() -> {
                try {
                    make(history, rules, share, start, months, monthsDone);
                    sink.flush();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    writer.put(EventSink.Batch.END);
                }
            }, "county-history-" + w);
            threads.add(writing);
            threads.add(making);
            writing.start();
            making.start();
        }
        Progress progress = new Progress(out, written, () -> monthsDone.get() / (double) (months * options.writers()));
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                progress.print();
                join(thread);
            }
        }
        progress.print();
        out.println();
        if (failure.get() != null) {
            throw new IllegalStateException("generating the history failed", failure.get());
        }
        transactions.executeWrite(status -> sql(() -> {
            try (var ps = status.getConnection().prepareStatement("SELECT setval('voucher_serial_seq', ?)")) {
                ps.setLong(1, Math.max(1, serials.get()));
                ps.execute();
            }
            return null;
        }));
        Map<String, Long> total = new TreeMap<>();
        counts.forEach(c -> c.forEach((k, v) -> total.merge(k, v, Long::sum)));
        return total;
    }

    private static void make(History history, List<Rule> rules, List<Village> share, LocalDate start, int months,
                             AtomicLong monthsDone) {
        VillageHistory villages = new VillageHistory(history, rules);
        for (Village v : share) {
            villages.open(v, new Actor("county.office",
                    Role.COUNTY_OFFICE, history.countyPath, null, null), BASE_SCORE);
        }
        YearMonth month = YearMonth.from(start);
        for (int m = 0; m < months; m++, month = month.plusMonths(1)) {
            for (Village v : share) {
                villages.month(v, month);
            }
            monthsDone.incrementAndGet();
        }
        for (Village v : share) {
            villages.finish(v);
        }
    }

    /**
     * Every streaming processor stops while the history is written, the rebuild's tracking processor too: left
     * running, it handled the history as it was written (work the rebuild then did again), and its streams kept Axon's
     * shared event cache reading, which filled a 512 MB heap on a loaded machine.
     */
    private void stopProjections() {
        axon.eventProcessingConfiguration().eventProcessors().values().stream()
                .filter(p -> p instanceof StreamingEventProcessor)
                .forEach(p -> p.shutDown());
        axon.eventProcessingConfiguration().eventProcessors().values().stream()
                // the command-side lookups alone go on: they run inside each command's transaction
                .filter(p -> !(p instanceof SubscribingEventProcessor) && p.isRunning()).findAny().ifPresent(p -> {
                    throw new IllegalStateException("processor " + p.getName() + " still runs; the history waits");
                });
    }

    private static void join(Thread thread) {
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    interface SqlWork<T> {
        T run() throws SQLException;
    }

    static <T> T sql(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
