package cn.moralbank.points.deed;

import cn.moralbank.points.deed.api.VoteChoice;
import org.jmolecules.architecture.onion.simplified.DomainRing;

import java.util.Collection;

/**
 * The votes on a deed against the size of the committee. A side wins with more than half of the committee's
 * members, not of the votes cast: two approvals out of a committee of five decide nothing, even if nobody else voted.
 */
@DomainRing
record Tally(int approvals, int rejections, int abstentions, int committeeSize) {

    static Tally of(Collection<VoteChoice> votes, int committeeSize) {
        int approve = 0;
        int reject = 0;
        int abstain = 0;
        for (VoteChoice vote : votes) {
            switch (vote) {
                case APPROVE -> approve++;
                case REJECT -> reject++;
                case ABSTAIN -> abstain++;
            }
        }
        return new Tally(approve, reject, abstain, committeeSize);
    }

    boolean approved() {
        return 2 * approvals > committeeSize;
    }

    boolean rejected() {
        return 2 * rejections > committeeSize;
    }
}
