package cn.moralbank.points.household;

import io.micronaut.core.annotation.Nullable;
import cn.moralbank.points.ledger.api.HouseholdId;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import org.jmolecules.architecture.onion.simplified.DomainRing;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A household (户) of a grid: the unit that holds points. {@code members} lists the other members as
 * {@code 姓名/关系} separated by {@code ;} (the same form as the import file's column). {@code regionPath} is its
 * grid's path, so scope checks need no join.
 */
@Serdeable
@MappedEntity("household")
@DomainRing
public record Household(@Id String id, String cardNumber, String headName, String members, String address,
                        @Nullable String phone, Long gridId, String regionPath, HouseholdStatus status, @Nullable String pinHash,
                        Instant createdAt) {

    public HouseholdId householdId() {
        return new HouseholdId(id);
    }

    public List<Member> memberList() {
        if (members == null || members.isBlank()) {
            return List.of();
        }
        return Arrays.stream(members.split(";")).map(String::strip).filter(s -> !s.isEmpty()).map(Member::parse)
                .toList();
    }

    public Household withPinHash(String hash) {
        return new Household(id, cardNumber, headName, members, address, phone, gridId, regionPath, status, hash,
                createdAt);
    }

    /** A member of the household other than its head, e.g. 王秀兰/妻子. */
    @Serdeable
    public record Member(String name, String relation) {
        static Member parse(String text) {
            int slash = text.indexOf('/');
            return slash < 0 ? new Member(text, "") :
                    new Member(text.substring(0, slash).strip(), text.substring(slash + 1).strip());
        }
    }
}
