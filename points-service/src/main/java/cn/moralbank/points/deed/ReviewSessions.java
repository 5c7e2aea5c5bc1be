package cn.moralbank.points.deed;

import cn.moralbank.points.common.Commands;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.deed.api.*;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.people.Person;
import cn.moralbank.points.people.PersonRepository;
import cn.moralbank.points.region.Region;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Review sessions (评议会): the administrator prepares one with the village's pending reports and the committee as
 * it stands that day; members vote; the committee may set a deed's points within the rule's range before voting; the
 * administrator closes the session, and what it left undecided waits for the next one.
 */
@Singleton
public class ReviewSessions {
    private final VillageScope scope;
    private final PersonRepository persons;
    private final CountySettings counties;
    private final DeedViewRepositories.Deeds deeds;
    private final DeedViewRepositories.Sessions sessions;
    private final Commands commands;
    private final Clock clock;

    ReviewSessions(VillageScope scope, PersonRepository persons, CountySettings counties,
                   DeedViewRepositories.Deeds deeds, DeedViewRepositories.Sessions sessions, Commands commands,
                   Clock clock) {
        this.scope = scope;
        this.persons = persons;
        this.counties = counties;
        this.deeds = deeds;
        this.sessions = sessions;
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * Prepares a session of the village with the given deeds, or with every pending deed of the village when none
     * are given. All of it or nothing: a deed that is no longer pending refuses the whole preparation.
     */
    @Transactional
    public ReviewSessionId prepare(Actor actor, long villageId, String title, @Nullable LocalDate heldOn,
                                   @Nullable List<DeedId> deedIds) {
        Region village = scope.village(villageId);
        VillageScope.requireRole(actor, village.path(), Role.VILLAGE_ADMIN);
        List<String> committee = persons.findByRoleAndRegionId(Role.COMMITTEE_MEMBER, villageId).stream()
                .filter(Person::active).map(Person::username).sorted().toList();
        List<DeedId> agenda = deedIds == null || deedIds.isEmpty()
                ? deeds.ofVillage(villageId, List.of(DeedStatus.PENDING.name())).stream().map(DeedView::id).toList()
                : deedIds.stream().map(id -> ofVillage(id, villageId)).toList();
        Set<DeedId> listed = new HashSet<>();
        for (DeedId deed : agenda) {
            if (!listed.add(deed)) {
                // told as such: the second listing was refused as "not pending", the first having put it on the agenda
                throw new DeedRefusal("review.deed.listed-twice", deed.value());
            }
        }
        int objectionDays = counties.objectionDays(village);
        ReviewSessionId id = ReviewSessionId.newId();
        commands.send(actor, new PrepareReviewSessionCommand(id, villageId, village.path(), title,
                heldOn == null ? LocalDate.now(clock) : heldOn, committee, objectionDays, agenda, actor.userId(),
                clock.instant()));
        for (DeedId deed : agenda) {
            commands.send(actor, new PutOnAgendaCommand(deed, id, title.strip(), committee, objectionDays));
        }
        return id;
    }

    /**
     * A committee member's vote. Answers with the deed's status after it: still UNDER_REVIEW, POSTED when this vote
     * made the majority to approve, REJECTED when it made the majority to reject.
     */
    public DeedStatus vote(Actor actor, DeedId deedId, VoteChoice choice, @Nullable String comment) {
        DeedView deed = deed(deedId);
        VillageScope.requireRole(actor, deed.villagePath(), Role.COMMITTEE_MEMBER);
        if (choice == null) {
            throw new DeedRefusal("deed.vote.choice-missing");
        }
        return commands.send(actor, new CastVoteCommand(deedId, actor.userId(), choice, comment, clock.instant()));
    }

    /** The committee's points for a deed, within the rule's range, with the reason; recorded by a member or the administrator. */
    public void adjustPoints(Actor actor, DeedId deedId, long points, String reason) {
        DeedView deed = deed(deedId);
        VillageScope.requireRole(actor, deed.villagePath(), Role.COMMITTEE_MEMBER, Role.VILLAGE_ADMIN);
        commands.send(actor, new AdjustPointsCommand(deedId, points, reason, actor.userId()));
    }

    /** Closes a session; every deed it left undecided goes back to the queue for the next session. */
    @Transactional
    public void close(Actor actor, ReviewSessionId id) {
        SessionView session = sessions.findById(id.value())
                .orElseThrow(() -> new NotFound("session.not-found", id.value()));
        VillageScope.requireRole(actor, session.villagePath(), Role.VILLAGE_ADMIN);
        List<DeedId> agenda = commands.send(actor, new CloseReviewSessionCommand(id, actor.userId(), clock.instant()));
        for (DeedId deed : agenda) {
            commands.send(actor, new ReturnToQueueCommand(deed, id));
        }
    }

    private DeedId ofVillage(DeedId id, long villageId) {
        DeedView deed = deed(id);
        if (deed.villageId() != villageId) {
            throw new AccessDenied("deed " + id.value() + " of another village");
        }
        return id;
    }

    private DeedView deed(DeedId id) {
        return deeds.findById(id.value()).orElseThrow(() -> new NotFound("deed.not-found", id.value()));
    }
}
