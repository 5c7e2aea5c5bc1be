package cn.moralbank.points.household;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.region.Region;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A registration sent with a request key (a form's token, an API client's {@code requestId}) registers once: the new
 * household's id is derived from the key and the scope of whoever sends it, so the same key sent again finds the
 * household it registered. Keys of two villages never meet; a key of one scope used again for another household is
 * refused rather than answered with the first.
 */
final class RequestKeys {
    static final int MAX_LENGTH = 100;

    private RequestKeys() {
    }

    /** The id the household registered under this key in the actor's scope has, or will have. */
    static String id(Actor actor, String requestKey) {
        if (requestKey.isBlank() || requestKey.length() > MAX_LENGTH || !PlainText.name(requestKey)) {
            throw new BadInput("household.request.invalid");
        }
        return UUID.nameUUIDFromBytes((actor.regionPath() + "\n" + requestKey).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The household registered before under the key, if the form is the one it was registered with. */
    static Household sameHousehold(Household earlier, NewHousehold form, Region grid, String requestKey) {
        boolean same = earlier.gridId().equals(grid.id()) && earlier.headName().equals(form.headName().strip())
                && (form.cardNumber() == null || form.cardNumber().isBlank()
                    || form.cardNumber().equals(earlier.cardNumber()));
        if (!same) {
            throw new BadInput("household.request.reused", requestKey);
        }
        return earlier;
    }
}
