package cn.moralbank.points.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A household to register: by form, API or one row of an import file. The grid is named by its code.
 * Without a card number, one is made from the grid's village. The sizes here bound the request (Java counts a rare
 * character outside the basic plane twice); {@code Households.validate} checks the lengths in characters.
 */
@Serdeable
public record NewHousehold(
        @Nullable @Pattern(regexp = "[0-9]{6,20}") String cardNumber,
        @NotBlank @Size(max = 100) String headName,
        @Nullable @Size(max = 1000) String members,
        @Nullable @Size(max = 400) String address,
        @Nullable @Pattern(regexp = "[0-9+ -]{5,20}") String phone,
        @NotBlank @Size(max = 32) String gridCode) {
    /** The same household, its card number left for the registry to choose. */
    NewHousehold withoutCard() {
        return new NewHousehold(null, headName, members, address, phone, gridCode);
    }
}
