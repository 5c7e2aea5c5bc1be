package cn.moralbank.points.deed.api;

import cn.moralbank.points.rules.Category;
import cn.moralbank.points.rules.Evidence;
import cn.moralbank.points.rules.RuleId;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * The rule version a deed is judged by, copied into the deed when it is reported: what the deed is worth and the
 * range the committee may set does not move when the catalog changes later.
 */
@ValueObject
public record RuleTerms(RuleId ruleId, int version, String code, String name, Category category, long points,
                        long minPoints, long maxPoints, Evidence evidence) {

    public boolean penalty() {
        return points < 0;
    }
}
