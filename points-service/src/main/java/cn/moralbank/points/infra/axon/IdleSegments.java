package cn.moralbank.points.infra.axon;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What {@link ProcessorRecovery} does about a segment of a running processor that nobody processes while the database
 * answers, by how many looks in a row it was found so: at the second look it is made claimable at once (Axon had set
 * it aside for a growing pause after an aborted work package); if it is still unclaimed at the
 * {@value #RESTART_AT}th look, its processor is restarted. A fresh coordinator claims every free segment, whatever
 * state the old one was stuck in: one fresh CI run saw the passbook's segment stay unclaimed for three minutes after
 * connection cuts although it had been made claimable every second.
 */
final class IdleSegments {
    static final int RELEASE_AT = 2;
    static final int RESTART_AT = 15;

    /** Looks in a row each segment ("processor/segment") was found idle. */
    private final Map<String, Integer> looks = new HashMap<>();

    /** The segments to make claimable now, and the processors to restart. */
    record Verdict(Set<String> release, Set<String> restart) {
    }

    /** One look: the segments found idle now (keys "processor/segment"). */
    Verdict look(Set<String> idle) {
        looks.keySet().retainAll(idle);
        Set<String> release = new HashSet<>();
        Set<String> restart = new HashSet<>();
        for (String key : idle) {
            int n = looks.merge(key, 1, Integer::sum);
            if (n >= RESTART_AT) {
                restart.add(processorOf(key));
            } else if (n >= RELEASE_AT) {
                release.add(key);
            }
        }
        looks.keySet().removeIf(key -> restart.contains(processorOf(key)));
        release.removeIf(key -> restart.contains(processorOf(key)));
        return new Verdict(release, restart);
    }

    static String processorOf(String key) {
        return key.substring(0, key.lastIndexOf('/'));
    }
}
