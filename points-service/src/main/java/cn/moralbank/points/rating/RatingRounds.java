package cn.moralbank.points.rating;

import cn.moralbank.points.common.Commands;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.rating.api.*;
import cn.moralbank.points.region.Region;
import jakarta.inject.Singleton;
import org.axonframework.modelling.command.AggregateStreamCreationException;

import java.time.Clock;
import cn.moralbank.points.common.BadInput;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The rating rounds' public commands, each checked against the caller's role and scope on the server: the county
 * office opens, adjusts, publishes, decides appeals and closes; a township officer scores the grid workers of their
 * township; a grid worker appeals their own stars. Each answers once the read model shows the change, so the page
 * the caller goes back to shows it too.
 */
@Singleton
public class RatingRounds {
    /** How long an answer waits for the read model to catch up before it answers anyway. */
    private static final long SETTLE_MILLIS = 20_000; // only as long as the views take; 5 s ran out on a loaded machine

    private final Commands commands;
    private final RatingSettings settings;
    private final RatingFacts facts;
    private final RatingQueries queries;
    private final SqlRows sql;
    private final Clock clock;

    RatingRounds(Commands commands, RatingSettings settings, RatingFacts facts, RatingQueries queries,
                 SqlRows sql, Clock clock) {
        this.commands = commands;
        this.settings = settings;
        this.facts = facts;
        this.queries = queries;
        this.sql = sql;
        this.clock = clock;
    }

    /** Opens the county's grid worker round of a quarter (e.g. 2026-Q4) with the county's criteria. */
    public RatingRoundId openWorkers(Actor actor, String periodKey) {
        Region county = office(actor);
        Period period = requireEnded(Period.parse(periodKey));
        RatingRoundId id = RatingRoundId.of(RoundKind.GRID_WORKERS, county.code(), period.key());
        requireNew(id);
        requireLatest(county, RoundKind.GRID_WORKERS, period);
        List<WorkerFacts> workers = facts.workers(county, period);
        open(actor, id, new OpenWorkerRoundCommand(id, county.path(), period.key(), settings.of(county).workers(),
                workers, actor.userId(), clock.instant(), LocalDate.now(clock)));
        return id;
    }

    /** Opens the county's star household round (星级文明户) of a year with the county's criteria. */
    public RatingRoundId openHouseholds(Actor actor, String periodKey) {
        Region county = office(actor);
        Period period = Period.parse(periodKey);
        RatingRoundId id = RatingRoundId.of(RoundKind.HOUSEHOLDS, county.code(), period.key());
        requireNew(id);
        requireLatest(county, RoundKind.HOUSEHOLDS, period);
        var households = facts.households(county, period);
        open(actor, id, new OpenHouseholdRoundCommand(id, county.path(), period.key(),
                settings.of(county).households(), households, actor.userId(), clock.instant(), LocalDate.now(clock)));
        return id;
    }

    /** A township officer's score (0-100) of a grid worker of their township; the county office may give it too. */
    public void townshipScore(Actor actor, RatingRoundId id, String worker, int score) {
        if (actor.role() != Role.TOWNSHIP_OFFICER && actor.role() != Role.COUNTY_OFFICE) {
            throw new AccessDenied("township scores");
        }
        queries.result(actor, id, worker);
        long changes = changes(id);
        send(actor, new GiveTownshipScoreCommand(id, worker, score, actor.userId(), clock.instant()));
        settle(() -> changes(id) > changes);
    }

    /** The county office sets a worker's score or a household's stars by hand, with the reason. */
    public void adjust(Actor actor, RatingRoundId id, String subject, int value, String reason) {
        roundOfOffice(actor, id);
        ResultView result = queries.result(actor, id, subject);
        long changes = changes(id);
        send(actor, new AdjustResultCommand(id, subject, value, result.stars(), reason, actor.userId(),
                clock.instant()));
        settle(() -> changes(id) > changes);
    }

    /** Publishes the round; grid workers under the threshold in this and the previous quarter are flagged. */
    public void publish(Actor actor, RatingRoundId id) {
        RoundView round = roundOfOffice(actor, id);
        Map<String, Integer> previous = Map.of();
        if (round.ofWorkers()) {
            requireEnded(Period.parse(round.period()));
            Region county = settings.county(round.countyPath());
            RatingRoundId before = RatingRoundId.of(RoundKind.GRID_WORKERS, county.code(),
                    Period.parse(round.period()).previous().key());
            previous = sql.list("""
                    SELECT r.subject, r.stars FROM rating_result_view r JOIN rating_round_view o
                      ON o.round_id = r.round_id
                    WHERE r.round_id = ? AND o.status <> 'OPEN'""", rs -> Map.entry(rs.getString(1), rs.getInt(2)),
                    before.value()).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
        send(actor, new PublishRoundCommand(id, previous, actor.userId(), clock.instant()));
        settle(() -> queries.find(id).map(RoundView::published).orElse(false));
    }

    /**
     * A quarter's grid workers are rated on the whole quarter: its round opens, and is published, once the quarter
     * is over (a round opened in the middle of the quarter would judge half of it).
     */
    private Period requireEnded(Period quarter) {
        LocalDate today = LocalDate.now(clock);
        if (!quarter.endedBy(today)) {
            throw new BadInput("rating.period.not-ended", quarter.key(), quarter.end().toString());
        }
        return quarter;
    }

    /** A grid worker appeals their own published stars, with the reason. */
    public void appeal(Actor actor, RatingRoundId id, String reason) {
        if (actor.role() != Role.GRID_WORKER) {
            throw new AccessDenied("appeals");
        }
        queries.result(actor, id, actor.userId());
        long changes = changes(id);
        send(actor, new LodgeAppealCommand(id, actor.userId(), reason, clock.instant()));
        settle(() -> changes(id) > changes);
    }

    /** The county office upholds an appeal with a new score, or dismisses it; with the reason either way. */
    public void decide(Actor actor, RatingRoundId id, String worker, boolean upheld, int newScore, String reason) {
        roundOfOffice(actor, id);
        long changes = changes(id);
        send(actor, new DecideAppealCommand(id, worker, upheld, newScore, reason, actor.userId(), clock.instant()));
        settle(() -> changes(id) > changes);
    }

    public void close(Actor actor, RatingRoundId id) {
        roundOfOffice(actor, id);
        send(actor, new CloseRoundCommand(id, actor.userId(), clock.instant()));
        settle(() -> queries.find(id).map(r -> r.status().equals("CLOSED")).orElse(false));
    }

    /** The county the caller leads, if they are its civilisation office. */
    private Region office(Actor actor) {
        if (actor.role() != Role.COUNTY_OFFICE) {
            throw new AccessDenied("rating rounds of " + actor.regionPath());
        }
        Region county = settings.county(actor.regionPath());
        if (actor.role() != Role.COUNTY_OFFICE || !actor.regionPath().equals(county.path())) {
            throw new AccessDenied("rating rounds of " + county.code());
        }
        return county;
    }

    private RoundView roundOfOffice(Actor actor, RatingRoundId id) {
        Region county = office(actor);
        RoundView round = queries.find(id).orElseThrow(() -> new NotFound("rating.round.not-found", id.value()));
        if (!round.countyPath().equals(county.path())) {
            throw new AccessDenied("rating round " + id.value());
        }
        return round;
    }

    private void requireNew(RatingRoundId id) {
        if (queries.find(id).isPresent()) {
            throw new RatingRefusal("rating.round.exists", id.value());
        }
    }

    /**
     * Rounds go forward: none opens for a period before one already rated. A grid worker's round is published with
     * the previous quarter's stars (two quarters in a row under the threshold flags the worker); a quarter opened
     * after the one following it was published would never flag it.
     */
    private void requireLatest(Region county, RoundKind kind, Period period) {
        sql.one("SELECT coalesce(max(period), '') FROM rating_round_view WHERE county_path = ? AND kind = ?",
                rs -> rs.getString(1), county.path(), kind.name())
                .filter(latest -> latest.compareTo(period.key()) > 0)
                .ifPresent(latest -> {
                    throw new RatingRefusal("rating.round.earlier", period.key(), latest);
                });
    }

    private void open(Actor actor, RatingRoundId id, Object command) {
        try {
            send(actor, command);
        } catch (AggregateStreamCreationException e) {
            // another office (or node) opened the same round a moment before, the views not holding it yet: the event
            // store took only the first opening of the round's id (one round per period)
            throw new RatingRefusal("rating.round.exists", id.value());
        }
        // the scores follow the opening in events of a few hundred: wait for the last of them
        settle(() -> queries.find(id).map(round -> sql.count(
                "SELECT count(*) FROM rating_result_view WHERE round_id = ?", id.value()) >= round.subjects())
                .orElse(false));
    }

    private long changes(RatingRoundId id) {
        return sql.count("SELECT count(*) FROM rating_change_view WHERE round_id = ?", id.value());
    }

    private void send(Actor actor, Object command) {
        commands.send(actor, command);
    }

    private static void settle(BooleanSupplier shown) {
        long until = System.currentTimeMillis() + SETTLE_MILLIS;
        while (!shown.getAsBoolean() && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
