package cn.moralbank.points.rating;

import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.rating.api.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.jmolecules.architecture.onion.simplified.DomainRing;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A rating round: grid workers for a quarter (星级网格员评定) or households for a year (星级文明户). Opened with the
 * county's criteria and the facts from the projections, it scores everyone; while open, townships score their
 * workers and the county office adjusts results with a reason; published once; grid workers appeal within the
 * period and the office decides; closed when the period is over and every appeal decided. Every step is an event.
 */
@AggregateRoot
@DomainRing
class RatingRound {
    /** Scores travel in events of this many subjects, so a county's hundred thousand households make no giant event. */
    static final int CHUNK = 500;
    private static final int MAX_REASON = 500;

    enum Status { OPEN, PUBLISHED, CLOSED }

    @AggregateIdentifier
    @Identity
    private RatingRoundId roundId;
    private RoundKind kind;
    private Status status;
    private WorkerCriteria workerCriteria;
    private HouseholdCriteria householdCriteria;
    /** Grid workers only: a county's households are not kept here (see AdjustResultCommand). */
    private Map<String, Worker> workers = new HashMap<>();
    private Set<String> flagged = new HashSet<>();
    /** Appeals by worker: false while pending, true once decided. */
    private Map<String, Boolean> appeals = new HashMap<>();
    private Instant appealEnds;

    RatingRound() {
        // for Axon
    }

    @CommandHandler
    RatingRound(OpenWorkerRoundCommand c) {
        Period period = periodOf(c.period(), PeriodKind.QUARTER, "rating.period.not-a-quarter");
        period.requireBegun(c.openedOn());
        WorkerCriteria criteria = Scoring.check(c.criteria());
        if (c.workers() == null || c.workers().isEmpty()) {
            throw new RatingRefusal("rating.round.no-workers");
        }
        apply(new WorkerRoundOpened(c.roundId(), c.countyPath(), period.key(), criteria, c.workers().size(),
                c.openedBy(), c.openedAt()));
        List<WorkerScore> scores = c.workers().stream().map(f -> Scoring.score(f, criteria)).toList();
        for (int i = 0; i < scores.size(); i += CHUNK) {
            apply(new WorkersScored(c.roundId(), List.copyOf(scores.subList(i, Math.min(scores.size(), i + CHUNK)))));
        }
    }

    @CommandHandler
    RatingRound(OpenHouseholdRoundCommand c) {
        Period period = periodOf(c.period(), PeriodKind.YEAR, "rating.period.not-a-year");
        period.requireBegun(c.openedOn());
        HouseholdCriteria criteria = Scoring.check(c.criteria());
        if (c.households() == null || c.households().isEmpty()) {
            throw new RatingRefusal("rating.round.no-households");
        }
        apply(new HouseholdRoundOpened(c.roundId(), c.countyPath(), period.key(), criteria, c.households().size(),
                c.openedBy(), c.openedAt()));
        List<HouseholdStars> stars = c.households().stream().map(f -> Scoring.stars(f, criteria)).toList();
        for (int i = 0; i < stars.size(); i += CHUNK) {
            apply(new HouseholdsRated(c.roundId(), List.copyOf(stars.subList(i, Math.min(stars.size(), i + CHUNK)))));
        }
    }

    @CommandHandler
    void handle(GiveTownshipScoreCommand c) {
        requireOpen("rating.township.not-open");
        Worker worker = worker(c.worker());
        requireScore(c.score());
        int score = worker.withTownship(c.score()).score(workerCriteria);
        apply(new TownshipScoreGiven(roundId, c.worker(), c.score(), worker.score(), score, worker.stars(),
                Scoring.stars(score, workerCriteria), c.givenBy(), c.givenAt()));
    }

    @CommandHandler
    void handle(AdjustResultCommand c) {
        requireOpen("rating.adjust.not-open");
        String reason = reason(c.reason(), "rating.adjust.reason-missing");
        if (kind == RoundKind.GRID_WORKERS) {
            Worker worker = worker(c.subject());
            requireScore(c.value());
            apply(new ResultAdjusted(roundId, c.subject(), worker.score(), c.value(), worker.stars(),
                    Scoring.stars(c.value(), workerCriteria), reason, c.adjustedBy(), c.adjustedAt()));
        } else {
            if (c.value() < 0 || c.value() > Scoring.MAX_STARS) {
                throw new RatingRefusal("rating.adjust.stars-out-of-range", c.value());
            }
            apply(new ResultAdjusted(roundId, c.subject(), c.starsBefore(), c.value(), c.starsBefore(), c.value(),
                    reason, c.adjustedBy(), c.adjustedAt()));
        }
    }

    @CommandHandler
    void handle(PublishRoundCommand c) {
        if (status != Status.OPEN) {
            throw new RatingRefusal("rating.publish.already");
        }
        int days = kind == RoundKind.GRID_WORKERS ? workerCriteria.appealDays() : 0;
        apply(new RoundPublished(roundId, c.publishedBy(), c.publishedAt(),
                c.publishedAt().plus(Duration.ofDays(days))));
        if (kind == RoundKind.GRID_WORKERS) {
            Map<String, Integer> previous = c.previousStars() == null ? Map.of() : c.previousStars();
            int below = workerCriteria.flagBelowStars();
            new TreeMap<>(workers).forEach((name, worker) -> {
                Integer before = previous.get(name);
                if (worker.stars() < below && before != null && before < below) {
                    apply(new WorkerFlaggedForReplacement(roundId, name, before, worker.stars()));
                }
            });
        }
    }

    @CommandHandler
    void handle(LodgeAppealCommand c) {
        if (kind != RoundKind.GRID_WORKERS) {
            throw new RatingRefusal("rating.appeal.households");
        }
        if (status == Status.OPEN) {
            throw new RatingRefusal("rating.appeal.not-published");
        }
        worker(c.worker());
        if (status == Status.CLOSED || !c.lodgedAt().isBefore(appealEnds)) {
            throw new RatingRefusal("rating.appeal.period-over", appealEnds);
        }
        if (appeals.containsKey(c.worker())) {
            throw new RatingRefusal("rating.appeal.twice");
        }
        apply(new AppealLodged(roundId, c.worker(), reason(c.reason(), "rating.appeal.reason-missing"),
                c.lodgedAt()));
    }

    @CommandHandler
    void handle(DecideAppealCommand c) {
        Boolean decided = appeals.get(c.worker());
        if (decided == null) {
            throw new RatingRefusal("rating.appeal.none", c.worker());
        }
        if (decided) {
            throw new RatingRefusal("rating.appeal.decided");
        }
        String reason = reason(c.reason(), "rating.appeal.decision-reason-missing");
        Worker worker = worker(c.worker());
        int score = worker.score();
        if (c.upheld()) {
            requireScore(c.newScore());
            score = c.newScore();
        }
        int stars = Scoring.stars(score, workerCriteria);
        apply(new AppealDecided(roundId, c.worker(), c.upheld(), worker.score(), score, worker.stars(), stars, reason,
                c.decidedBy(), c.decidedAt()));
        if (flagged.contains(c.worker()) && stars >= workerCriteria.flagBelowStars()) {
            apply(new ReplacementFlagLifted(roundId, c.worker(), stars));
        }
    }

    @CommandHandler
    void handle(CloseRoundCommand c) {
        if (status == Status.CLOSED) {
            throw new RatingRefusal("rating.close.already");
        }
        if (status != Status.PUBLISHED) {
            throw new RatingRefusal("rating.close.not-published");
        }
        if (c.closedAt().isBefore(appealEnds)) {
            throw new RatingRefusal("rating.close.appeal-period-running", appealEnds);
        }
        if (appeals.containsValue(false)) {
            throw new RatingRefusal("rating.close.appeals-pending");
        }
        apply(new RoundClosed(roundId, c.closedBy(), c.closedAt()));
    }

    @EventSourcingHandler
    void on(WorkerRoundOpened e) {
        roundId = e.roundId();
        kind = RoundKind.GRID_WORKERS;
        status = Status.OPEN;
        workerCriteria = e.criteria();
    }

    @EventSourcingHandler
    void on(HouseholdRoundOpened e) {
        roundId = e.roundId();
        kind = RoundKind.HOUSEHOLDS;
        status = Status.OPEN;
        householdCriteria = e.criteria();
    }

    @EventSourcingHandler
    void on(WorkersScored e) {
        for (WorkerScore s : e.scores()) {
            workers.put(s.facts().worker(), new Worker(s.confirmedScore(), s.participationScore(),
                    s.timelinessScore(), s.accuracyScore(), null, 0, s.score(), s.stars()));
        }
    }

    @EventSourcingHandler
    void on(TownshipScoreGiven e) {
        workers.computeIfPresent(e.worker(), (k, w) -> w.withTownship(e.townshipScore())
                .withResult(e.scoreAfter(), e.starsAfter(), workerCriteria));
    }

    @EventSourcingHandler
    void on(ResultAdjusted e) {
        workers.computeIfPresent(e.subject(), (k, w) -> w.withResult(e.scoreAfter(), e.starsAfter(), workerCriteria));
    }

    @EventSourcingHandler
    void on(RoundPublished e) {
        status = Status.PUBLISHED;
        appealEnds = e.appealEnds();
    }

    @EventSourcingHandler
    void on(WorkerFlaggedForReplacement e) {
        flagged.add(e.worker());
    }

    @EventSourcingHandler
    void on(ReplacementFlagLifted e) {
        flagged.remove(e.worker());
    }

    @EventSourcingHandler
    void on(AppealLodged e) {
        appeals.put(e.worker(), false);
    }

    @EventSourcingHandler
    void on(AppealDecided e) {
        appeals.put(e.worker(), true);
        workers.computeIfPresent(e.worker(), (k, w) -> w.withResult(e.scoreAfter(), e.starsAfter(), workerCriteria));
    }

    @EventSourcingHandler
    void on(RoundClosed e) {
        status = Status.CLOSED;
    }

    private void requireOpen(String code) {
        if (status != Status.OPEN) {
            throw new RatingRefusal(code);
        }
    }

    private Worker worker(String name) {
        Worker worker = kind == RoundKind.GRID_WORKERS ? workers.get(name) : null;
        if (worker == null) {
            throw new RatingRefusal("rating.subject.unknown", String.valueOf(name));
        }
        return worker;
    }

    private static void requireScore(int score) {
        if (score < 0 || score > Scoring.MAX_SCORE) {
            throw new RatingRefusal("rating.score-out-of-range", score);
        }
    }

    private static String reason(String text, String code) {
        if (text == null || text.isBlank()) {
            throw new RatingRefusal(code);
        }
        if (text.strip().length() > MAX_REASON) {
            throw new RatingRefusal("rating.reason-too-long", MAX_REASON);
        }
        return text.strip();
    }

    private static Period periodOf(String key, PeriodKind kind, String code) {
        Period period = Period.parse(key);
        if (period.kind() != kind) {
            throw new RatingRefusal(code, key);
        }
        return period;
    }

    /**
     * A grid worker's state in the round: the criterion scores (null where not judged), the township's score, the
     * office's adjustment (the difference its hand made to the weighted score), the score and stars as they stand.
     */
    record Worker(Integer confirmed, Integer participation, Integer timeliness, Integer accuracy, Integer township,
                  int adjustment, int score, int stars) {

        Worker withTownship(Integer value) {
            return new Worker(confirmed, participation, timeliness, accuracy, value, adjustment, score, stars);
        }

        /** The score the criteria give, with the office's adjustment kept, within 0-100. */
        int score(WorkerCriteria c) {
            int computed = Scoring.weighted(c, confirmed, participation, timeliness, accuracy, township);
            return Math.max(0, Math.min(Scoring.MAX_SCORE, computed + adjustment));
        }

        Worker withResult(int newScore, int newStars, WorkerCriteria c) {
            int computed = Scoring.weighted(c, confirmed, participation, timeliness, accuracy, township);
            return new Worker(confirmed, participation, timeliness, accuracy, township, newScore - computed,
                    newScore, newStars);
        }
    }
}
