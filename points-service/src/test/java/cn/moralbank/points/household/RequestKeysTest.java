package cn.moralbank.points.household;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.ledger.api.HouseholdId;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A request id makes one household per sender and per thing it does, wherever the sender's village is: found by a
 * third attacker pass, keys built from the sender's place changed with a village merge, two administrators of one
 * village shared them, and a registration could take a split's key.
 */
class RequestKeysTest {
    private static final Actor ADMIN = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/130826/1/3/", null, null);
    private static final HouseholdId SOURCE = new HouseholdId("14401d67-1077-4ca3-b221-5fddb3099abb");

    @Test
    void theSameSenderAndRequestMakeTheSameIdWhereverTheSenderIsNow() {
        Actor moved = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/130826/1/7/", null, null);
        assertEquals(RequestKeys.id(ADMIN, RequestKeys.registration("rq-1")),
                RequestKeys.id(moved, RequestKeys.registration("rq-1")));
    }

    @Test
    void anotherSenderOrAnotherKindOfRequestNeverMeetsIt() {
        String registration = RequestKeys.id(ADMIN, RequestKeys.registration("rq-1"));
        Actor colleague = new Actor("hedong.admin2", Role.VILLAGE_ADMIN, ADMIN.regionPath(), null, null);
        assertNotEquals(registration, RequestKeys.id(colleague, RequestKeys.registration("rq-1")));
        assertNotEquals(registration, RequestKeys.id(ADMIN, RequestKeys.split(SOURCE, "rq-1")));
        // a registration whose id spells out a split's parts does not take that split's household
        assertNotEquals(RequestKeys.id(ADMIN, RequestKeys.split(SOURCE, "zz")),
                RequestKeys.id(ADMIN, RequestKeys.registration("split " + SOURCE.value() + " zz")));
    }

    @Test
    void aRequestIdIsOneLineOfAtMostAHundredCharacters() {
        assertEquals(36, RequestKeys.id(ADMIN, RequestKeys.split(SOURCE, "x".repeat(100))).length());
        for (String bad : new String[]{"", " ", "x".repeat(101), "a\nb", "a\u200bb"}) {
            assertThrows(BadInput.class, () -> RequestKeys.id(ADMIN, RequestKeys.registration(bad)), bad);
        }
    }
}
