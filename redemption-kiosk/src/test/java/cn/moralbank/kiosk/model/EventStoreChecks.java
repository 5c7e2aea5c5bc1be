package cn.moralbank.kiosk.model;

import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Invariants read from the event store itself: 7 (each aggregate's sequence has no holes, whatever its type) and 9
 * (every event records who did it, in what role and region; what the scheduled jobs do is recorded as the system).
 * And the wait for every projection to have applied every event, before a step compares the read models.
 */
final class EventStoreChecks {
    /** Scheduled work (the end of objection periods) acts as {@code Actor.SYSTEM}. */
    static final String SYSTEM_USER = "system";

    private final Sql sql;
    private final Configuration axon;

    EventStoreChecks(Sql sql, Configuration axon) {
        this.sql = sql;
        this.axon = axon;
    }

    /** Invariant 7 for every aggregate with an event after {@code fromIndex}: its sequence runs 0, 1, 2... */
    void noHolesAfter(long fromIndex) {
        Object holes = sql.single("""
                SELECT string_agg(aggregate_identifier || ' (' || type || '): ' || n || ' events, 0..' || top, ', ')
                FROM (SELECT aggregate_identifier, max(type) AS type, count(*) AS n, min(sequence_number) AS low,
                             max(sequence_number) AS top
                      FROM domain_event_entry
                      WHERE aggregate_identifier IN (SELECT aggregate_identifier FROM domain_event_entry
                                                     WHERE global_index > ?)
                      GROUP BY aggregate_identifier) a
                WHERE low <> 0 OR top <> n - 1""", fromIndex);
        assertEquals(null, holes, "aggregates whose sequence has holes");
        Object types = sql.single("SELECT string_agg(DISTINCT type, ',') FROM domain_event_entry WHERE type IS NULL "
                + "OR type = ''");
        assertEquals(null, types, "every event names its aggregate type");
    }

    /** Invariant 9 for every event after {@code fromIndex}. */
    void everyEventNamesItsActorAfter(long fromIndex) {
        Object missing = sql.single("""
                SELECT string_agg(DISTINCT payload_type, ', ') FROM
                  (SELECT payload_type, convert_from(meta_data, 'UTF8')::jsonb AS m FROM domain_event_entry
                   WHERE global_index > ?) e
                WHERE coalesce(m->>'actorUser', '') = '' OR coalesce(m->>'actorRole', '') = ''
                   OR coalesce(m->>'actorRegion', '') NOT LIKE '/%'""", fromIndex);
        assertEquals(null, missing, "events without who, role or region");
        Object unknownRole = sql.single("""
                SELECT string_agg(DISTINCT m->>'actorRole', ', ') FROM
                  (SELECT convert_from(meta_data, 'UTF8')::jsonb AS m FROM domain_event_entry
                   WHERE global_index > ?) e
                WHERE m->>'actorRole' NOT IN ('COUNTY_OFFICE', 'TOWNSHIP_OFFICER', 'VILLAGE_ADMIN',
                    'COMMITTEE_MEMBER', 'GRID_WORKER', 'SUPERMARKET_OPERATOR', 'KIOSK', 'VILLAGER')""", fromIndex);
        assertEquals(null, unknownRole, "roles that are not roles");
        Object notSystem = sql.single("""
                SELECT string_agg(DISTINCT coalesce(m->>'actorUser', '?') || '@' || coalesce(m->>'actorRegion', '?'),
                                  ', ') FROM
                  (SELECT payload_type, convert_from(payload, 'UTF8')::jsonb AS j,
                          convert_from(meta_data, 'UTF8')::jsonb AS m FROM domain_event_entry
                   WHERE global_index > ?) e
                WHERE payload_type LIKE '%.DeedConfirmed' OR payload_type LIKE '%.DeedCredited'
                   OR (payload_type ~ '\\.Points(Credited|Penalised)$' AND j->'entryId'->>'value' LIKE 'deed:%')
                HAVING bool_or(m->>'actorUser' <> ? OR m->>'actorRegion' <> '/')""", fromIndex, SYSTEM_USER);
        assertEquals(null, notSystem, "the objection-period job's events are recorded as the system's");
    }

    /**
     * Every event of the store up to now applied by every streaming projection, in every segment. "Up to now" is the
     * last committed event, not the store's head token: that stops below safe_event_position() (ADR 0007), which lags
     * while any other transaction is open, and waiting for it let a step read its views before they held it.
     */
    void awaitProjections() {
        long position = sql.count("SELECT coalesce(max(global_index), -1) FROM domain_event_entry");
        TokenStore tokens = axon.getComponent(TokenStore.class);
        List<StreamingEventProcessor> processors = axon.eventProcessingConfiguration().eventProcessors().values()
                .stream().filter(p -> p instanceof StreamingEventProcessor).map(p -> (StreamingEventProcessor) p)
                .toList();
        Eventually.until("projections at " + position, () -> processors.stream().allMatch(p -> {
            var status = p.processingStatus();
            return status.size() == tokens.fetchSegments(p.getName()).length && status.values().stream()
                    .allMatch(s -> !s.isErrorState() && s.getCurrentPosition().orElse(-1) >= position);
        }));
    }
}
