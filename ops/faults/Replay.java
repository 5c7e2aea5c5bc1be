import cn.moralbank.points.testing.LedgerInvariants;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The last check: the live passbooks and balances against those `java -jar moral-bank.jar replay` rebuilds. */
final class Replay {
    private Replay() {
    }

    static List<String> compare(LedgerInvariants invariants, Path jar, Map<String, String> appEnv, Path work)
            throws Exception {
        List<String> live = invariants.passbookAndBalances();
        ProcessBuilder replay = new ProcessBuilder("java", "-jar", jar.toString(), "replay").redirectErrorStream(true)
                .redirectOutput(work.resolve("replay.log").toFile());
        replay.environment().putAll(appEnv);
        replay.environment().put("MORALBANK_DEMO", "false");
        int status = replay.start().waitFor();
        List<String> violations = new ArrayList<>();
        if (status != 0) {
            violations.add("replay exited with " + status + " (see " + work.resolve("replay.log") + ")");
            return violations;
        }
        List<String> rebuilt = invariants.passbookAndBalances();
        if (!live.get(0).equals(rebuilt.get(0))) {
            violations.add("the rebuilt passbooks differ from the live ones");
        }
        if (!live.get(1).equals(rebuilt.get(1))) {
            violations.add("the rebuilt balances differ from the live ones");
        }
        violations.addAll(invariants.readModelEqualsEvents());
        return violations;
    }
}
