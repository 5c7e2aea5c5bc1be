package cn.moralbank.points.people;

import io.micronaut.core.annotation.Nullable;
import cn.moralbank.points.access.Role;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * Someone who signs in (or a kiosk device), with one role and the scope it holds: a region for offices,
 * administrators, committee members and grid workers; a household for a villager; a supermarket for operators
 * and kiosks; a phone where one was given (people import).
 */
@MappedEntity("person")
public record Person(@Id @GeneratedValue Long id, String username, String displayName, String passwordHash,
                     Role role, @Nullable Long regionId, @Nullable String householdId, @Nullable Long supermarketId, boolean active,
                     @Nullable String phone) {
}
