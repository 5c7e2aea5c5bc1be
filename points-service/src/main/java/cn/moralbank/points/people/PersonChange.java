package cn.moralbank.points.people;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** One audited change to a person: what was done, by whom and when, the person as it was before and after. */
@Serdeable
@MappedEntity("person_change")
public record PersonChange(@Id @GeneratedValue Long id, String username, String action, String changedBy,
                           String changedRole, Instant changedAt, String beforeState, String afterState) {
}
