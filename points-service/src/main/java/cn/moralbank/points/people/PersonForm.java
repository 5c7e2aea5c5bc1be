package cn.moralbank.points.people;

import cn.moralbank.points.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A person to add, or where to move one: username (ignored on a move), name, role, the code of the region their
 * scope covers, and for a supermarket operator or kiosk its supermarket.
 */
@Serdeable
public record PersonForm(@Nullable @Size(max = 50) String username, @NotBlank @Size(max = 50) String displayName,
                         @NotNull Role role, @NotBlank @Size(max = 32) String regionCode,
                         @Nullable Long supermarketId) {
}
