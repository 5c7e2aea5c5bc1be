package cn.moralbank.points.household;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.ledger.api.HouseholdId;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A registration or split sent with a request id (a form's token, an API client's {@code requestId}) is made once:
 * the new household's id is derived from what the request does (a registration, or a split of one household), who
 * sends it and the id, so the same request sent again finds the household it made. Neither a place (a village merge
 * moves the sender) nor another person's or another kind of request can meet it: a request id holds no line break,
 * which separates the parts.
 */
final class RequestKeys {
    static final int MAX_LENGTH = 100;

    private RequestKeys() {
    }

    /** What a request does, and the id its sender gave it. */
    record Key(String kind, String requestId) {
    }

    static Key registration(String requestId) {
        return new Key("register", requestId);
    }

    static Key split(HouseholdId from, String requestId) {
        return new Key("split " + from.value(), requestId);
    }

    /** The id the household the request makes has, or will have. */
    static String id(Actor actor, Key key) {
        String requestId = key.requestId();
        if (requestId == null || requestId.isBlank() || requestId.length() > MAX_LENGTH || !PlainText.name(requestId)) {
            throw new BadInput("household.request.invalid");
        }
        String name = key.kind() + "\n" + actor.userId() + "\n" + requestId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The household the request made before, when the form names its head: answered again, wherever it has moved
     * since. A form naming another head is refused, with the household the id made.
     */
    static Household sameHousehold(Household earlier, NewHousehold form, Key key) {
        if (!earlier.headName().equals(form.headName().strip())) {
            throw new BadInput("household.request.reused", key.requestId(), earlier.cardNumber(), earlier.headName());
        }
        return earlier;
    }
}
