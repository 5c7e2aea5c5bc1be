package cn.moralbank.points.household;

import cn.moralbank.points.common.PhoneNumber;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A household to register: by form, API or one row of an import file. The grid is named by its code.
 * Without a card number, one is made from the grid's village. The sizes here bound the request (Java counts a rare
 * character outside the basic plane twice); {@code Households.validate} checks the lengths in characters.
 * {@code requestId}, when a form or API client sends one, registers the household once however often it is sent
 * ({@code Households.register}); an import row has none (the import keeps its own record of its lines).
 */
@Serdeable
public record NewHousehold(
        @Nullable @Pattern(regexp = "[0-9]{6,20}") String cardNumber,
        @NotBlank @Size(max = 100) String headName,
        @Nullable @Size(max = 1000) String members,
        @Nullable @Size(max = 400) String address,
        @Nullable @Pattern(regexp = PhoneNumber.FORM) String phone,
        @NotBlank @Size(max = 32) String gridCode,
        @Nullable @Size(max = 100) String requestId) {

    @Creator
    public NewHousehold {
    }

    /** A household's form without a request id: each registration of it registers anew. */
    public NewHousehold(String cardNumber, String headName, String members, String address, String phone,
                        String gridCode) {
        this(cardNumber, headName, members, address, phone, gridCode, null);
    }

    /** The same household, its card number left for the registry to choose. */
    NewHousehold withoutCard() {
        return new NewHousehold(null, headName, members, address, phone, gridCode, requestId);
    }
}
