package cn.moralbank.points.ledger.projection;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A household's balance and its totals by kind: conservation can be checked per row (balance = sum of the rest). */
@Serdeable
@MappedEntity("account_balance")
public record AccountBalance(@Id String householdId, long balance, long credited, long penalised, long debited,
                             long reversed, int entries, @Nullable Instant lastEntryAt) {
}
