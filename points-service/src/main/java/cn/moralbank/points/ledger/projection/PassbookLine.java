package cn.moralbank.points.ledger.projection;

import cn.moralbank.points.ledger.api.EntryKind;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** One line of a household's passbook (存折): a movement with its balance after. Points are signed. */
@Serdeable
@MappedEntity("passbook_entry")
public record PassbookLine(@Id String eventId, String householdId, long seq, String entryId, EntryKind kind,
                           long points, long balanceAfter, String reason, String source, String recordedBy,
                           String recordedRole, Instant occurredAt) {
}
