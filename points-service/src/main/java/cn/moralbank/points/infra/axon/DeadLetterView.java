package cn.moralbank.points.infra.axon;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A parked event as the operations page and API show it: the first letter of a parked sequence (an aggregate, for
 * the ledger a household), with how many later events of that sequence wait behind it.
 *
 * @param id             the dead letter's id (Axon's)
 * @param processor      the projection (processing group) that could not handle it
 * @param aggregateId    the sequence: the aggregate whose events wait (a household id for the ledger)
 * @param householdName  the household's head, when the aggregate is a household (or a deed's, a voucher's)
 * @param eventType      the event's class, without its package
 * @param eventId        the event's id
 * @param globalIndex    its position in the event store
 * @param occurredAt     when the event happened
 * @param parkedAt       when it was parked
 * @param lastTouched    when it was last parked or retried
 * @param errorClass     what failed (the innermost cause's class); empty for a letter that only waits
 * @param errorMessage   the failure's message chain, with SQL states
 * @param waitingBehind  later events of the same aggregate parked behind it
 * @param regionPath     the region the event belongs to (household's, else the acting person's), for scoping
 */
@Serdeable
public record DeadLetterView(String id, String processor, String aggregateId, @Nullable String householdName,
                             String eventType, String eventId, @Nullable Long globalIndex, Instant occurredAt,
                             Instant parkedAt, @Nullable Instant lastTouched, String errorClass, String errorMessage,
                             long waitingBehind, @Nullable String regionPath) {
}
