package cn.moralbank.points.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A row of an import file that is fit to register. Its card number is always filled in: {@code cardGenerated} tells
 * that the file left it blank and the number was chosen for it, so the preview can show the card to be printed.
 */
@Serdeable
public record ImportRow(int line, NewHousehold household, boolean cardGenerated,
                        @Nullable OpeningBalance opening) {
}
