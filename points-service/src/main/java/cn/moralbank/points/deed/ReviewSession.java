package cn.moralbank.points.deed;

import cn.moralbank.points.deed.api.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.jmolecules.architecture.onion.simplified.DomainRing;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A review session (评议会) of a village's committee: who sits on it, which deeds are on its agenda, open or closed.
 * The votes themselves belong to each deed; the session fixes the committee whose majority decides them.
 */
@AggregateRoot
@DomainRing
class ReviewSession {

    @AggregateIdentifier
    @Identity
    private ReviewSessionId sessionId;
    private List<DeedId> agenda = List.of();
    private boolean closed;

    ReviewSession() {
        // for Axon
    }

    @CommandHandler
    ReviewSession(PrepareReviewSessionCommand c) {
        String title = Text.required(c.title(), 100, "session.title.invalid");
        if (c.committee().isEmpty()) {
            throw new DeedRefusal("session.committee.empty");
        }
        if (c.agenda().isEmpty()) {
            throw new DeedRefusal("session.agenda.empty");
        }
        if (c.objectionDays() < 0) {
            throw new DeedRefusal("session.objection-days.invalid", c.objectionDays());
        }
        apply(new ReviewSessionPrepared(c.sessionId(), c.villageId(), c.villagePath(), title, c.heldOn(),
                List.copyOf(c.committee()), c.objectionDays(), List.copyOf(c.agenda()), c.preparedBy(),
                c.preparedAt()));
    }

    @CommandHandler
    List<DeedId> handle(CloseReviewSessionCommand c) {
        if (closed) {
            throw new DeedRefusal("session.closed.already");
        }
        apply(new ReviewSessionClosed(sessionId, c.closedBy(), c.closedAt()));
        return agenda;
    }

    @EventSourcingHandler
    void on(ReviewSessionPrepared e) {
        sessionId = e.sessionId();
        agenda = e.agenda();
    }

    @EventSourcingHandler
    void on(ReviewSessionClosed e) {
        closed = true;
    }
}
