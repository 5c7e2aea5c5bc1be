package cn.moralbank.web.verify;

import cn.moralbank.points.infra.axon.ProjectionProcessors;
import cn.moralbank.web.verify.Difference.Area;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Compares every household's, stock row's and voucher's view with what the event store says (verify). The event
 * store is scanned a chunk of the global index at a time inside one REPEATABLE READ snapshot, aggregated by
 * PostgreSQL ({@link EventScan}), and the views are read in that same snapshot. A row is compared only when its
 * projection's segment had passed all its events in the snapshot ({@link Positions}); the others, and every row that
 * differs, are checked again one by one in fresh snapshots until their events are projected or the wait
 * ({@link VerifySettings#settleSeconds()}) runs out. So a node that is projecting while verify runs causes no false
 * difference, and a difference is reported only when it stood in two snapshots.
 */
@Singleton
public class Verifier {
    private final DataSource dataSource;
    private final VerifySettings settings;
    private final ProjectionProcessors processors;

    Verifier(DataSource dataSource, VerifySettings settings,
             ProjectionProcessors processors) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.processors = processors;
    }

    /** What a run tells as it goes: the scan's progress, and each difference once it is certain. */
    public interface Listener {
        default void progress(long position, long head) {
        }

        default void difference(Difference difference) {
        }

        default void note(String message) {
        }
    }

    private record Subject(Area area, String id) {
    }

    private final class Run {
        final Listener listener;
        final Instant started = Instant.now();
        final List<Difference> kept = new ArrayList<>();
        final Set<Subject> again = new LinkedHashSet<>();
        long households;
        long stockRows;
        long vouchers;
        long rankings;
        long missing;
        long different;
        long unsettled;

        Run(Listener listener) {
            this.listener = listener;
        }

        void report(Connection connection, List<Difference> differences) throws SQLException {
            if (differences.isEmpty()) {
                return;
            }
            if (differences.stream().anyMatch(Difference::missing)) {
                missing++;
            } else {
                different++;
            }
            for (Difference d : differences) {
                Difference placed = new Difference(d.area(), d.subject(), d.field(), d.ledger(), d.view(),
                        regionOf(connection, d));
                if (kept.size() < settings.kept()) {
                    kept.add(placed);
                }
                listener.difference(placed);
            }
        }
    }

    public VerifyReport verify(Listener listener) {
        Run run = new Run(listener);
        try {
            long head = scan(run);
            settle(run);
            return new VerifyReport(run.started, Instant.now(), head, run.households, run.stockRows, run.vouchers,
                    run.rankings,
                    run.missing, run.different, run.unsettled, List.copyOf(run.kept));
        } catch (SQLException e) {
            throw new IllegalStateException("verify could not read the database: " + e.getMessage(), e);
        }
    }

    private Connection snapshot() throws SQLException {
        Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        return connection;
    }

    /** The full pass: every row compared in one snapshot, or put aside to be checked again. */
    private long scan(Run run) throws SQLException {
        try (Connection connection = snapshot()) {
            Positions positions = Positions.read(connection, processors);
            long[] head = {0};
            EventScan.run(connection, "SELECT coalesce(max(global_index), 0) FROM domain_event_entry", List.of(),
                    rs -> head[0] = rs.getLong(1));
            // positions are transaction ids shifted left (ADR 0007), not a count: the store is read in ranges of
            // about chunk events each, bounded by every chunk-th position
            List<Long> bounds = new ArrayList<>();
            EventScan.run(connection, "SELECT global_index FROM (SELECT global_index, row_number() OVER "
                    + "(ORDER BY global_index) AS n FROM domain_event_entry) s WHERE n % ? = 0 ORDER BY global_index",
                    List.of(settings.chunk()), rs -> bounds.add(rs.getLong(1)));
            bounds.add(head[0]);
            long[] counted = {0};
            EventScan.run(connection, "SELECT count(*) FROM domain_event_entry", List.of(),
                    rs -> counted[0] = rs.getLong(1));
            long events = counted[0];
            Facts facts = new Facts();
            long began = System.nanoTime();
            long from = Long.MIN_VALUE;
            for (int i = 0; i < bounds.size(); i++) {
                long to = bounds.get(i);
                if (to <= from) {
                    continue;
                }
                List<Object> range = List.of(from, to);
                EventScan.households(connection, EventScan.IN_RANGE, range, facts);
                EventScan.stock(connection, EventScan.IN_RANGE, range, facts);
                EventScan.vouchers(connection, EventScan.IN_RANGE, range, facts);
                run.listener.progress(Math.min(events, (long) (i + 1) * settings.chunk()), Math.max(events, 1));
                from = to;
            }
            run.listener.progress(1, 1);
            double read = (System.nanoTime() - began) / 1e9;
            run.listener.note(String.format("Read %,d events in %.1f s (%,.0f events/s); comparing with the views",
                    events, read, events / Math.max(read, 0.001)));
            long comparing = System.nanoTime();
            // what the rankings should hold is summed from the accounts' facts before the households use them up
            Map<String, RankingCheck.Expected> ranked = RankingCheck.expect(connection, facts, null);
            compareAll(run, connection, positions, facts);
            RankingCheck.compare(connection, null, ranked, (holder, accounts, differences) -> decide(run,
                    connection, new Subject(Area.RANKING, holder), differences, () -> covered(positions, accounts)));
            // the regions against the rows they sum, exact in this one snapshot
            for (List<Difference> region : RankingCheck.regions(connection)) {
                run.report(connection, region);
            }
            // the store against itself: both halves of a transfer commit together, so one found alone is checked
            // again in a fresh snapshot and reported if it still stands there
            for (EventScan.UnpairedTransfer t : EventScan.transfers(connection, null)) {
                run.again.add(new Subject(Area.TRANSFER, t.transferId()));
            }
            run.listener.note(String.format("Compared in %.1f s", (System.nanoTime() - comparing) / 1e9));
            connection.commit();
            return events;
        }
    }

    private void compareAll(Run run, Connection connection, Positions positions, Facts facts) throws SQLException {
        Views.households(connection, null, facts, (id, last, differences) ->
                decide(run, connection, positions, new Subject(Area.HOUSEHOLD, id), last, differences));
        // households() removes what it compared; what is left has no view row at all
        for (var left : facts.households.entrySet()) {
            decide(run, connection, positions, new Subject(Area.HOUSEHOLD, left.getKey()), left.getValue().lastIndex,
                    Views.compare(left.getKey(), left.getValue(), null));
        }
        Views.stock(connection, null, facts, (key, last, differences) -> decide(run, connection, positions,
                new Subject(Area.STOCK, "supermarket-" + key.substring(0, key.indexOf('/'))), last, differences));
        for (var left : facts.stock.values()) {
            decide(run, connection, positions, new Subject(Area.STOCK, left.aggregateId()), left.lastIndex,
                    Views.compare(Facts.Stock.key(left.shop, left.product), left, null));
        }
        Views.vouchers(connection, null, facts, (serial, last, differences) -> decide(run, connection, positions,
                new Subject(Area.VOUCHER, serial), last, differences));
        for (var left : facts.vouchers.entrySet()) {
            decide(run, connection, positions, new Subject(Area.VOUCHER, left.getKey()), left.getValue().lastIndex,
                    Views.compare(left.getKey(), left.getValue(), null));
        }
    }

    /**
     * A row that agrees is counted; one that differs is checked again later (its events may still be being
     * projected), or, past the re-check limit, reported now if its projection had passed its events.
     */
    private void decide(Run run, Connection connection, Positions positions, Subject subject, long lastIndex,
                        List<Difference> differences) throws SQLException {
        decide(run, connection, subject, differences,
                () -> positions.covers(processorOf(subject.area()), subject.id(), lastIndex));
    }

    /** The same for a row made of several aggregates' events: {@code covered} when the projection passed them all. */
    private void decide(Run run, Connection connection, Subject subject, List<Difference> differences,
                        BooleanSupplier covered) throws SQLException {
        count(run, subject.area());
        if (differences.isEmpty()) {
            return;
        }
        if (run.again.contains(subject) || run.again.size() < settings.recheckLimit()) {
            run.again.add(subject);
        } else if (covered.getAsBoolean()) {
            run.report(connection, differences);
        } else {
            run.unsettled++;
        }
    }

    /**
     * A household's rankings row: its projection must have passed the events of every account the row is made of
     * (the household's and those merged into it) before a difference counts.
     */
    private static boolean covered(Positions positions, Map<String, Long> accounts) {
        return accounts.entrySet().stream()
                .allMatch(a -> positions.covers(Positions.RANKINGS, a.getKey(), a.getValue()));
    }

    private static String processorOf(Area area) {
        return switch (area) {
            case HOUSEHOLD -> Positions.LEDGER;
            case STOCK -> Positions.STOCK;
            case VOUCHER -> Positions.VOUCHERS;
            case RANKING -> throw new IllegalArgumentException("a rankings row is covered by all its accounts' events");
            case TRANSFER -> throw new IllegalArgumentException("a transfer is checked in the store, not a view");
        };
    }

    private void count(Run run, Area area) {
        switch (area) {
            case HOUSEHOLD -> run.households++;
            case STOCK -> run.stockRows++;
            case VOUCHER -> run.vouchers++;
            case RANKING -> run.rankings++;
            case TRANSFER -> {
            }
        }
    }

    /**
     * Checks the rows put aside again, each in a fresh snapshot once its projection has passed its events, until
     * none is left or the wait runs out.
     */
    private void settle(Run run) throws SQLException {
        if (run.again.isEmpty()) {
            return;
        }
        run.listener.note(String.format("Checking %,d rows again (changed or still being projected)", run.again.size()));
        long deadline = System.nanoTime() + settings.settleSeconds() * 1_000_000_000L;
        Set<Subject> waiting = new LinkedHashSet<>(run.again);
        while (true) {
            try (Connection connection = snapshot()) {
                Positions positions = Positions.read(connection, processors);
                for (var it = waiting.iterator(); it.hasNext(); ) {
                    if (recheck(run, connection, positions, it.next())) {
                        it.remove();
                    }
                }
                connection.commit();
            }
            if (waiting.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            sleep();
        }
        run.unsettled += waiting.size();
        if (!waiting.isEmpty()) {
            run.listener.note(String.format("%,d rows were still being projected when the wait ran out", waiting.size()));
        }
    }

    /** Compares one aggregate's rows if its projection has passed its events; false to wait. */
    private boolean recheck(Run run, Connection connection, Positions positions, Subject subject)
            throws SQLException {
        Facts facts = new Facts();
        List<Object> id = List.of(subject.id());
        switch (subject.area()) {
            case HOUSEHOLD -> {
                EventScan.households(connection, EventScan.OF_AGGREGATE, id, facts);
                Facts.Household f = facts.households.get(subject.id());
                if (f != null && !positions.covers(Positions.LEDGER, subject.id(), f.lastIndex)) {
                    return false;
                }
                List<Difference> found = new ArrayList<>();
                Views.households(connection, subject.id(), facts, (key, last, differences) -> found.addAll(differences));
                facts.households.forEach((key, left) -> found.addAll(uncheckedCompare(key, left)));
                run.report(connection, found);
            }
            case STOCK -> {
                EventScan.stock(connection, EventScan.OF_AGGREGATE, id, facts);
                long last = facts.stock.values().stream().mapToLong(s -> s.lastIndex).max().orElse(-1);
                if (!positions.covers(Positions.STOCK, subject.id(), last)) {
                    return false;
                }
                long shop = Long.parseLong(subject.id().substring("supermarket-".length()));
                List<List<Difference>> rows = new ArrayList<>();
                Views.stock(connection, shop, facts, (key, lastOfRow, differences) -> rows.add(differences));
                for (var left : facts.stock.values()) {
                    rows.add(Views.compare(Facts.Stock.key(left.shop, left.product), left, null));
                }
                for (List<Difference> row : rows) {
                    run.report(connection, row);
                }
            }
            case VOUCHER -> {
                EventScan.vouchers(connection, EventScan.OF_AGGREGATE, id, facts);
                Facts.Voucher f = facts.vouchers.get(subject.id());
                if (f != null && !positions.covers(Positions.VOUCHERS, subject.id(), f.lastIndex)) {
                    return false;
                }
                List<Difference> found = new ArrayList<>();
                Views.vouchers(connection, subject.id(), facts, (key, last, differences) -> found.addAll(differences));
                facts.vouchers.forEach((key, left) -> found.addAll(uncheckedCompareVoucher(key, left)));
                run.report(connection, found);
            }
            case RANKING -> {
                for (String account : RankingCheck.accountsOf(connection, subject.id())) {
                    EventScan.households(connection, EventScan.OF_AGGREGATE, List.of(account), facts);
                }
                Map<String, RankingCheck.Expected> expected = RankingCheck.expect(connection, facts, subject.id());
                RankingCheck.Expected row = expected.get(subject.id());
                if (row != null && !covered(positions, row.accounts)) {
                    return false;
                }
                List<Difference> found = new ArrayList<>();
                RankingCheck.compare(connection, subject.id(), expected,
                        (holder, accounts, differences) -> found.addAll(differences));
                run.report(connection, found);
            }
            case TRANSFER -> {
                for (EventScan.UnpairedTransfer t : EventScan.transfers(connection, subject.id())) {
                    run.report(connection, List.of(new Difference(Area.TRANSFER, t.source() + ":" + t.transferId(),
                            "transfer", t.out() == null ? Difference.ABSENT : t.out().toString(),
                            t.in() == null ? Difference.ABSENT : t.in().toString(), null)));
                }
            }
        }
        return true;
    }

    private static List<Difference> uncheckedCompare(String id, Facts.Household f) {
        try {
            return Views.compare(id, f, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Difference> uncheckedCompareVoucher(String id, Facts.Voucher f) {
        try {
            return Views.compare(id, f, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a difference lies, for the page to show it only to those who may see it. */
    private static String regionOf(Connection connection, Difference d) throws SQLException {
        String[] path = {null};
        switch (d.area()) {
            case HOUSEHOLD -> EventScan.run(connection, "SELECT region_path FROM household WHERE id = ?",
                    List.of(d.subject()), rs -> path[0] = rs.getString(1));
            case RANKING -> {
                if (d.subject().startsWith("region:")) {
                    long region = Long.parseLong(d.subject().split(":")[1]);
                    EventScan.run(connection, "SELECT path FROM region WHERE id = ?", List.of(region),
                            rs -> path[0] = rs.getString(1));
                } else {
                    EventScan.run(connection, "SELECT region_path FROM household WHERE id = ?",
                            List.of(d.subject()), rs -> path[0] = rs.getString(1));
                }
            }
            case TRANSFER -> EventScan.run(connection, "SELECT region_path FROM household WHERE id = ?",
                    List.of(d.subject().substring(0, d.subject().indexOf(':'))), rs -> path[0] = rs.getString(1));
            case STOCK -> EventScan.run(connection, "SELECT region_path FROM supermarket WHERE id = ?",
                    List.of(Long.parseLong(d.subject().substring(0, d.subject().indexOf('/')))),
                    rs -> path[0] = rs.getString(1));
            case VOUCHER -> EventScan.run(connection, """
                    SELECT coalesce((SELECT h.region_path FROM voucher_view v JOIN household h ON h.id = v.household_id
                                     WHERE v.serial = ?),
                      (SELECT h.region_path FROM voucher_batch b JOIN household h ON h.id = b.household_id
                       WHERE b.serials LIKE '%' || ? || '%' LIMIT 1))""",
                    List.of(d.subject(), d.subject()), rs -> path[0] = rs.getString(1));
        }
        return path[0];
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
