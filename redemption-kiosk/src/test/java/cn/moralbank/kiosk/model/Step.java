package cn.moralbank.kiosk.model;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.List;

/**
 * One thing that happens in the county, as jqwik draws it. Indexes ({@code household}, {@code pick}) are taken
 * modulo what exists when the step runs, so every drawn sequence can be run and shrunk.
 */
sealed interface Step {
    int HOUSEHOLDS = 3;

    record Report(int household, boolean good) implements Step { }

    record Prepare() implements Step { }

    record Close(int pick) implements Step { }

    record Vote(int pick, int member, String choice) implements Step { }

    record Objection(int pick) implements Step { }

    record Pass(int hours) implements Step { }

    record Revoke(int pick) implements Step { }

    record Book(int household, boolean credit, long points) implements Step { }

    record Reverse(int pick) implements Step { }

    /** The last ledger entry, voucher issue or checkout sent again: the same id and body. */
    record Retry() implements Step { }

    /** The last id sent again with another body. */
    record Reuse() implements Step { }

    record Issue(int household, List<Long> values) implements Step { }

    record VoidVoucher(int pick) implements Step { }

    record Checkout(int household, List<Integer> quantities, int vouchers, boolean card, boolean stale)
            implements Step { }

    record Refund(int pick) implements Step { }

    record Donate(int product, int quantity) implements Step { }

    static Arbitrary<List<Step>> sequences(int min, int max) {
        Arbitrary<Integer> household = Arbitraries.integers().between(0, HOUSEHOLDS - 1);
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 60);
        Arbitrary<Step> report = Combinators.combine(household, Arbitraries.frequency(Tuple.of(4, true),
                Tuple.of(1, false))).as(Report::new);
        Arbitrary<Step> vote = Combinators.combine(pick, Arbitraries.integers().between(0, 4),
                Arbitraries.frequency(Tuple.of(6, "APPROVE"), Tuple.of(2, "REJECT"), Tuple.of(1, "ABSTAIN")))
                .as(Vote::new);
        Arbitrary<Step> pass = Arbitraries.frequency(Tuple.of(3, 24 * 8), Tuple.of(2, 24 * 3), Tuple.of(1, 6))
                .map(Pass::new);
        Arbitrary<Step> book = Combinators.combine(household, Arbitraries.frequency(Tuple.of(3, true),
                Tuple.of(1, false)), Arbitraries.longs().between(1, 60)).as(Book::new);
        Arbitrary<Step> issue = Combinators.combine(household, Arbitraries.of(5L, 10L, 20L, 50L).list()
                .ofMinSize(1).ofMaxSize(3)).as(Issue::new);
        Arbitrary<Step> checkout = Combinators.combine(household,
                Arbitraries.integers().between(0, 3).list().ofSize(3), Arbitraries.integers().between(0, 2),
                Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false)),
                Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true))).as(Checkout::new);
        return Arbitraries.frequencyOf(
                Tuple.of(5, report),
                Tuple.of(2, Arbitraries.just(new Prepare())),
                Tuple.of(1, pick.map(Close::new)),
                Tuple.of(8, vote),
                Tuple.of(1, pick.map(Objection::new)),
                Tuple.of(3, pass),
                Tuple.of(1, pick.map(Revoke::new)),
                Tuple.of(3, book),
                Tuple.of(1, pick.map(Reverse::new)),
                Tuple.of(2, Arbitraries.just(new Retry())),
                Tuple.of(1, Arbitraries.just(new Reuse())),
                Tuple.of(3, issue),
                Tuple.of(1, pick.map(VoidVoucher::new)),
                Tuple.of(5, checkout),
                Tuple.of(1, pick.map(Refund::new)),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(1, 5)).as(Donate::new))
        ).list().ofMinSize(min).ofMaxSize(max);
    }
}
