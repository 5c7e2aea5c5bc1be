package cn.moralbank.points.deed;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.DeedStatus;
import cn.moralbank.points.deed.api.ReviewSessionId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.region.Region;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the deed pages read, from the read models only, each within the actor's scope. */
@Singleton
public class DeedQueries {
    private final VillageScope scope;
    private final DeedViewRepositories.Deeds deeds;
    private final DeedViewRepositories.Votes votes;
    private final DeedViewRepositories.Sessions sessions;
    private final DeedViewRepositories.Items items;

    DeedQueries(VillageScope scope, DeedViewRepositories.Deeds deeds, DeedViewRepositories.Votes votes,
                DeedViewRepositories.Sessions sessions, DeedViewRepositories.Items items) {
        this.scope = scope;
        this.deeds = deeds;
        this.votes = votes;
        this.sessions = sessions;
        this.items = items;
    }

    /** The village's deeds in the given statuses (all statuses when none are given), oldest report first. */
    public List<DeedView> reviewQueue(Actor actor, long villageId, Collection<DeedStatus> statuses) {
        Region village = scope.village(villageId);
        VillageScope.requireOversees(actor, village.path());
        Collection<DeedStatus> wanted = statuses == null || statuses.isEmpty()
                ? EnumSet.allOf(DeedStatus.class) : statuses;
        return deeds.ofVillage(villageId, wanted.stream().map(Enum::name).toList());
    }

    /** A household's deeds, newest first ("my deeds" for a villager). */
    public List<DeedView> ofHousehold(Actor actor, HouseholdId household) {
        scope.visibleHousehold(actor, household);
        return deeds.ofHousehold(household.value());
    }

    /** One deed: for those who oversee its village, those who may see its household, and its reporter. */
    public DeedView deed(Actor actor, DeedId id) {
        DeedView deed = deeds.findById(id.value()).orElseThrow(() -> new NotFound("deed.not-found", id.value()));
        if (!VillageScope.oversees(actor, deed.villagePath()) && !deed.reportedBy().equals(actor.userId())) {
            scope.visibleHousehold(actor, new HouseholdId(deed.householdId()));
        }
        return deed;
    }

    /** The deeds a person reported, newest first: a grid worker's "my reports". Only ever their own. */
    public List<DeedView> reportedBy(Actor actor) {
        return deeds.reportedBy(actor.userId(), 100);
    }

    public List<SessionView> sessions(Actor actor, long villageId) {
        Region village = scope.village(villageId);
        VillageScope.requireOversees(actor, village.path());
        return sessions.findByVillageIdOrderByHeldOnDesc(villageId);
    }

    /** A session with each deed of its agenda, its outcome there and the votes cast there. */
    public SessionDetail session(Actor actor, ReviewSessionId id) {
        SessionView session = sessions.findById(id.value())
                .orElseThrow(() -> new NotFound("session.not-found", id.value()));
        if (!VillageScope.oversees(actor, session.villagePath())) {
            throw new AccessDenied("review session " + id.value());
        }
        Map<String, List<VoteView>> votesByDeed = votes.findBySessionIdOrderByCastAt(id.value()).stream()
                .collect(Collectors.groupingBy(VoteView::deedId));
        List<SessionItem> agenda = items.findBySessionId(id.value());
        List<SessionDetail.Line> lines = agenda.stream()
                .flatMap(i -> deeds.findById(i.deedId()).stream().map(d -> new SessionDetail.Line(d, i,
                        votesByDeed.getOrDefault(i.deedId(), List.of()))))
                .toList();
        return new SessionDetail(session, lines);
    }
}
