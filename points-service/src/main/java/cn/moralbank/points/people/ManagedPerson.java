package cn.moralbank.points.people;

import cn.moralbank.points.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A person as their manager sees them: role, scope, whether active, and every change made to them. */
@Serdeable
public record ManagedPerson(String username, String displayName, Role role, String regionCode, String regionName,
                            @Nullable Long supermarketId, boolean active, boolean mustChangePassword,
                            List<PersonChange> changes) {
}
