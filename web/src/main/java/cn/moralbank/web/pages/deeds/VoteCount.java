package cn.moralbank.web.pages.deeds;

import cn.moralbank.points.deed.VoteView;
import cn.moralbank.points.deed.api.VoteChoice;

import java.util.List;

/**
 * The votes cast on a deed so far, counted from the votes themselves: a session's agenda line records its counts
 * only once the deed is decided, while the pages show them as they come in.
 */
public record VoteCount(long approve, long reject, long abstain) {
    static VoteCount of(List<VoteView> votes) {
        return new VoteCount(count(votes, VoteChoice.APPROVE), count(votes, VoteChoice.REJECT),
                count(votes, VoteChoice.ABSTAIN));
    }

    private static long count(List<VoteView> votes, VoteChoice choice) {
        return votes.stream().filter(v -> v.choice() == choice).count();
    }
}
