package cn.moralbank.points.infra.axon;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.NotFound;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The projections' dead letters for the county office (docs/operations.md, "Dead letters"): what is parked, and the
 * two things to do with it, through Axon's own queue and processor: retry (the parked events of that aggregate are
 * handled again in order, and leave the queue if they succeed) and evict (the first parked event is dropped from the
 * queue for good, its later events stay parked until retried). Every action is written to {@code dead_letter_action}
 * and logged: who, when, which letter, how it ended.
 *
 * <p>Dead letters hold events of the whole deployment: a county office sees and touches only those of its own county
 * (the household's region, else the region of the person who made the event). A letter whose region cannot be told
 * (an event the application itself made, of no household) is shown to the county office only when the deployment has
 * one county, where it can belong to no other.
 */
@Singleton
public class DeadLetterQueues {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueues.class);
    private static final int RETRY_ROUNDS = 3;

    /** What a retry came to. */
    public enum Outcome {
        /** every parked event of the aggregate was handled; nothing of it is parked any more */
        PROCESSED,
        /** an event failed again and stays parked, with the new error */
        FAILED,
        /** another retry of the same aggregate is under way (Axon's claim, 30 s) */
        BUSY,
        /** the letter was evicted */
        EVICTED
    }

    /** The answer to a retry or eviction. */
    @Serdeable
    public record Result(Outcome outcome, String processor, String aggregateId, String detail) {
    }

    private static final String SELECT = """
            SELECT d.dead_letter_id, d.processing_group, d.sequence_identifier, d.event_identifier, d.payload_type,
                   d.time_stamp, d.enqueued_at, d.last_touched, d.cause_type, d.cause_message, e.global_index,
                   h.head_name,
                   (SELECT count(*) FROM dead_letter_entry w WHERE w.processing_group = d.processing_group
                       AND w.sequence_identifier = d.sequence_identifier AND w.sequence_index > d.sequence_index),
                   coalesce(h.region_path, dv.village_path, vv.village_path, rs.village_path, rr.county_path,
                            convert_from(d.meta_data, 'UTF8')::jsonb ->> 'actorRegion')
              FROM dead_letter_entry d
              LEFT JOIN domain_event_entry e ON e.event_identifier = d.event_identifier
              LEFT JOIN deed_view dv ON dv.deed_id = d.sequence_identifier
              LEFT JOIN voucher_view vv ON vv.serial = d.sequence_identifier
              LEFT JOIN review_session_view rs ON rs.session_id = d.sequence_identifier
              LEFT JOIN rating_round_view rr ON rr.round_id = d.sequence_identifier
              LEFT JOIN household h ON h.id = coalesce(dv.household_id, vv.household_id, d.sequence_identifier)
            """;
    private static final String FIRST_OF_SEQUENCE = """
             WHERE d.sequence_index = (SELECT min(f.sequence_index) FROM dead_letter_entry f
                       WHERE f.processing_group = d.processing_group AND f.sequence_identifier = d.sequence_identifier)
            """;

    private final Configuration axon;
    private final DataSource dataSource;

    DeadLetterQueues(Configuration axon, DataSource dataSource) {
        this.axon = axon;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** The first parked event of each parked aggregate within the actor's scope, oldest first. */
    public List<DeadLetterView> list(Actor actor) {
        boolean oneCounty = oneCounty();
        return query(SELECT + FIRST_OF_SEQUENCE + " ORDER BY d.enqueued_at, d.dead_letter_id").stream()
                .filter(letter -> visible(actor, letter, oneCounty))
                .toList();
    }

    /** Dead letters (every parked event, waiting ones included) per projection, for the health indicator. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT processing_group, count(*) FROM dead_letter_entry "
                     + "GROUP BY processing_group ORDER BY processing_group")) {
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the dead letters", e);
        }
        return counts;
    }

    /** Handles the letter's aggregate's parked events again, in order (the projection's cause being fixed). */
    public Result retry(Actor actor, String letterId) {
        DeadLetterView letter = find(actor, letterId);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = axon.eventProcessingConfiguration()
                .sequencedDeadLetterProcessor(letter.processor())
                .orElseThrow(() -> new NotFound("deadletter.not-found", letterId));
        DeadLetterView first = head(letter.processor(), letter.aggregateId());
        DeadLetterView before = first == null ? letter : first;
        Result result = null;
        for (int round = 0; round < RETRY_ROUNDS && result == null; round++) {
            boolean allHandled;
            try {
                allHandled = processor.process(parked -> sequenceOf(parked).equals(letter.aggregateId()));
            } catch (RuntimeException failure) {
                // the retry's own transaction failed (the database, or a letter Axon cannot read): nothing changed
                LOG.warn("Retrying dead letter {} of {} failed", letter.id(), letter.processor(), failure);
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                result = new Result(Outcome.FAILED, letter.processor(), letter.aggregateId(),
                        Failures.cause(cause).message());
                break;
            }
            DeadLetterView left = head(letter.processor(), letter.aggregateId());
            if (left == null) {
                result = new Result(Outcome.PROCESSED, letter.processor(), letter.aggregateId(), "");
            } else if (!allHandled) {
                // a letter that failed again was requeued (touched, with its new error); one not claimed was not
                boolean touched = !left.eventId().equals(before.eventId())
                        || !Objects.equals(left.lastTouched(), before.lastTouched());
                result = touched
                        ? new Result(Outcome.FAILED, letter.processor(), letter.aggregateId(), left.errorMessage())
                        : new Result(Outcome.BUSY, letter.processor(), letter.aggregateId(), "");
            } else {
                // every letter it claimed was handled, but the live projection parked a later event meanwhile
                before = left;
            }
        }
        if (result == null) {
            result = new Result(Outcome.FAILED, letter.processor(), letter.aggregateId(),
                    "later events keep arriving behind it; retry again");
        }
        audit(actor, "RETRY", letter, result);
        return result;
    }

    /** Drops the letter (the first parked event of its aggregate) from the queue for good. */
    public Result evict(Actor actor, String letterId) {
        DeadLetterView letter = find(actor, letterId);
        SequencedDeadLetterQueue<EventMessage<?>> queue = axon.eventProcessingConfiguration()
                .deadLetterQueue(letter.processor())
                .orElseThrow(() -> new NotFound("deadletter.not-found", letterId));
        DeadLetter<? extends EventMessage<?>> parked = null;
        for (DeadLetter<? extends EventMessage<?>> candidate : queue.deadLetterSequence(letter.aggregateId())) {
            if (candidate instanceof JdbcDeadLetter<?> jdbc && jdbc.getIdentifier().equals(letterId)) {
                parked = candidate;
                break;
            }
        }
        if (parked == null) {
            throw new NotFound("deadletter.not-found", letterId);
        }
        queue.evict(parked);
        Result result = new Result(Outcome.EVICTED, letter.processor(), letter.aggregateId(),
                letter.waitingBehind() > 0 ? letter.waitingBehind() + " later event(s) still parked" : "");
        audit(actor, "EVICT", letter, result);
        return result;
    }

    private DeadLetterView find(Actor actor, String letterId) {
        List<DeadLetterView> found = query(SELECT + " WHERE d.dead_letter_id = ?", letterId);
        if (found.isEmpty()) {
            throw new NotFound("deadletter.not-found", letterId);
        }
        DeadLetterView letter = found.get(0);
        if (!visible(actor, letter, oneCounty())) {
            throw new AccessDenied("dead letter " + letterId);
        }
        return letter;
    }

    private DeadLetterView head(String processor, String aggregateId) {
        List<DeadLetterView> found = query(SELECT + FIRST_OF_SEQUENCE
                + " AND d.processing_group = ? AND d.sequence_identifier = ?", processor, aggregateId);
        return found.isEmpty() ? null : found.get(0);
    }

    private static boolean visible(Actor actor, DeadLetterView letter, boolean oneCounty) {
        String region = letter.regionPath();
        if (region == null || region.isEmpty() || region.equals("/")) {
            return oneCounty || actor.regionPath().equals("/");
        }
        return actor.covers(region);
    }

    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIdentifier() : "";
    }

    private boolean oneCounty() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM region WHERE level = 'COUNTY'")) {
            ResultSet rs = ps.executeQuery();
            return rs.next() && rs.getLong(1) <= 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the counties", e);
        }
    }

    private List<DeadLetterView> query(String sql, Object... arguments) {
        List<DeadLetterView> letters = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                ps.setObject(i + 1, arguments[i]);
            }
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                String type = rs.getString(5);
                long index = rs.getLong(11);
                letters.add(new DeadLetterView(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(12), type.substring(type.lastIndexOf('.') + 1), rs.getString(4),
                        rs.wasNull() ? null : index, instant(rs.getString(6)), instant(rs.getString(7)),
                        instant(rs.getString(8)), nz(rs.getString(9)), nz(rs.getString(10)), rs.getLong(13),
                        rs.getString(14)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the dead letters", e);
        }
        return letters;
    }

    private void audit(Actor actor, String action, DeadLetterView letter, Result result) {
        LOG.info("Dead letter {} by {} ({}): {} of {} event {} ({}) of {}: {} {}", action, actor.userId(),
                actor.role(), letter.id(), letter.processor(), letter.eventId(), letter.eventType(),
                letter.aggregateId(), result.outcome(), Failures.printable(result.detail(), 300));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO dead_letter_action (actor_user, actor_role, "
                     + "action, processing_group, sequence_identifier, event_identifier, outcome, detail) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, actor.userId());
            ps.setString(2, actor.role().name());
            ps.setString(3, action);
            ps.setString(4, letter.processor());
            ps.setString(5, letter.aggregateId());
            ps.setString(6, letter.eventId());
            ps.setString(7, result.outcome().name());
            ps.setString(8, Failures.printable(result.detail(), 1023));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the dead-letter action", e);
        }
    }

    private static Instant instant(String iso) {
        return iso == null ? null : Instant.parse(iso);
    }

    private static String nz(String text) {
        return text == null ? "" : text;
    }
}
