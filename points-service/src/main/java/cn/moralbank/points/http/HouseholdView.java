package cn.moralbank.points.http;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.household.CardMask;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A household as the API shows it to one person: never the PIN's hash, the card number as {@link CardMask#shownTo}. */
@Serdeable
record HouseholdView(String id, String cardNumber, String headName, List<Household.Member> members, String address,
                     @Nullable String phone, String gridPath, HouseholdStatus status, boolean pinSet,
                     long balance) {
    static HouseholdView of(Actor actor, Household h, long balance) {
        return new HouseholdView(h.id(), CardMask.shownTo(actor, h.cardNumber()), h.headName(), h.memberList(), h.address(), h.phone(),
                h.regionPath(), h.status(), h.pinHash() != null, balance);
    }
}
