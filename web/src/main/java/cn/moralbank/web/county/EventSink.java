package cn.moralbank.web.county;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.ledger.RememberedEntry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Collects the events of one writer's villages as the command path would make them, and hands them over in
 * batches. {@link #command} starts a command: what follows carries its actor's metadata (user, role, region,
 * device) and the correlation and trace ids Axon's MessageOriginProvider gives every event of one command.
 * Rows of the command-side tables (checkouts, voucher batches, deed limits, the accounts' remembered entries)
 * travel in the same batch, so they commit with their events.
 */
final class EventSink {
    /** An account's entry, as its command handler remembers it with the event (LedgerEntryTable, V97). */
    static final String ENTRY_ROW = "INSERT INTO ledger_entry (household_id, entry_id, kind, requested, change, "
            + "original_entry_id, reversed_by, balance_after, refused) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String REVERSED_ROW = "UPDATE ledger_entry SET reversed_by = ? WHERE household_id = ? AND entry_id = ?";
    private final Ids ids;
    private final int batchSize;
    private final Consumer<Batch> out;
    private final Map<String, Long> counts = new TreeMap<>();
    private Map<String, Object> meta;
    private Instant at;
    private List<DomainEventMessage<?>> events = new ArrayList<>();
    private Map<String, List<Object[]>> rows = new LinkedHashMap<>();

    EventSink(Ids ids, int batchSize, Consumer<Batch> out) {
        this.ids = ids;
        this.batchSize = batchSize;
        this.out = out;
    }

    void command(Actor actor, Instant at) {
        String id = ids.uuid();
        Map<String, Object> m = new HashMap<>(actor.metaData());
        m.put("correlationId", id);
        m.put("traceId", id);
        this.meta = m;
        this.at = at;
    }

    Instant at() {
        return at;
    }

    /** The time of the step about to run; its commands set their own time again. */
    void at(Instant at) {
        this.at = at;
    }

    /** An event of the aggregate {@code type} (its class's simple name, as Axon names it) at the command's time. */
    void event(String type, String aggregateId, long sequence, Object payload) {
        events.add(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, meta, ids.uuid(), at));
        counts.merge(payload.getClass().getSimpleName(), 1L, Long::sum);
        if (History.ACCOUNT.equals(type)) {
            RememberedEntry.bookedBy(payload).ifPresent(e -> remember(aggregateId, e));
        }
    }

    /** The entry an account's event books, and the entry it undoes (a reversal): rows in the event's batch. */
    private void remember(String household, RememberedEntry e) {
        row(ENTRY_ROW, household, e.id(), e.kind().name(), e.requested(), e.change(), e.original(), null,
                e.balanceAfter(), e.refused());
        if (e.original() != null) {
            row(REVERSED_ROW, e.id(), household, e.original());
        }
    }

    void row(String sql, Object... args) {
        rows.computeIfAbsent(sql, s -> new ArrayList<>()).add(args);
    }

    /** Between flows: passes the batch on once it is big enough, so a transaction never splits a flow. */
    void endOfFlow() {
        if (events.size() >= batchSize) {
            flush();
        }
    }

    void flush() {
        if (events.isEmpty() && rows.isEmpty()) {
            return;
        }
        out.accept(new Batch(events, rows));
        events = new ArrayList<>(batchSize + 100);
        rows = new LinkedHashMap<>();
    }

    Map<String, Long> counts() {
        return counts;
    }

    /** Events and rows written in one transaction; rows by statement, in the order the statements first came. */
    record Batch(List<DomainEventMessage<?>> events, Map<String, List<Object[]>> rows) {
        static final Batch END = new Batch(List.of(), Map.of());
    }
}
