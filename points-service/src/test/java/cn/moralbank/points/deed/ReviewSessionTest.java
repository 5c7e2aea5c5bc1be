package cn.moralbank.points.deed;

import cn.moralbank.points.deed.api.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.hamcrest.Matchers.containsString;

class ReviewSessionTest {
    static final ReviewSessionId MAY = new ReviewSessionId("session-may");
    static final List<String> COMMITTEE = List.of("li", "wang", "zhao");
    static final List<DeedId> AGENDA = List.of(new DeedId("deed-1"), new DeedId("deed-2"));
    static final Instant AT = Instant.parse("2024-05-20T02:00:00Z");
    static final LocalDate HELD_ON = LocalDate.of(2024, 5, 20);

    private FixtureConfiguration<ReviewSession> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReviewSession.class);
    }

    static PrepareReviewSessionCommand prepare(String title, List<String> committee, List<DeedId> agenda) {
        return new PrepareReviewSessionCommand(MAY, 7, "/c/t/v/", title, HELD_ON, committee, 7, agenda, "admin", AT);
    }

    static ReviewSessionPrepared prepared() {
        return new ReviewSessionPrepared(MAY, 7, "/c/t/v/", "5月评议会", HELD_ON, COMMITTEE, 7, AGENDA, "admin", AT);
    }

    @Test
    void theAdministratorPreparesASessionWithTheCommitteeAndTheAgenda() {
        fixture.givenNoPriorActivity()
                .when(prepare(" 5月评议会 ", COMMITTEE, AGENDA))
                .expectEvents(prepared());
    }

    @Test
    void aSessionNeedsATitleACommitteeAndSomethingToReview() {
        fixture.givenNoPriorActivity().when(prepare(" ", COMMITTEE, AGENDA))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("session.title.invalid")).expectNoEvents();
        fixture.givenNoPriorActivity().when(prepare("5月评议会", List.of(), AGENDA))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("session.committee.empty")).expectNoEvents();
        fixture.givenNoPriorActivity().when(prepare("5月评议会", COMMITTEE, List.of()))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("session.agenda.empty")).expectNoEvents();
    }

    @Test
    void closingASessionAnswersItsAgendaSoTheUndecidedGoBackToTheQueue() {
        fixture.given(prepared())
                .when(new CloseReviewSessionCommand(MAY, "admin", AT))
                .expectEvents(new ReviewSessionClosed(MAY, "admin", AT))
                .expectResultMessagePayload(AGENDA);
    }

    @Test
    void aSessionClosesOnce() {
        fixture.given(prepared(), new ReviewSessionClosed(MAY, "admin", AT))
                .when(new CloseReviewSessionCommand(MAY, "admin", AT))
                .expectException(DeedRefusal.class)
                .expectExceptionMessage(containsString("session.closed.already")).expectNoEvents();
    }
}
