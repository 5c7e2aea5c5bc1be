package cn.moralbank.points.rating;

import cn.moralbank.points.testing.PointsClasses;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The boundaries of the rankings and ratings among the contexts. The RatingRound aggregate and the messages are
 * checked on what they declare (jMolecules) by the web module's ArchitectureRulesTest.
 */
class RatingArchitectureTest {
    private static final JavaClasses CLASSES = PointsClasses.all();

    @Test
    void theRankingsKnowNothingOfRatingsOrReportsAndNothingBelowReachesUp() {
        noClasses().that().resideInAPackage("cn.moralbank.points.ranking..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.moralbank.points.rating..",
                        "cn.moralbank.points.report..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("cn.moralbank.points.rating..")
                .should().dependOnClassesThat().resideInAPackage("cn.moralbank.points.report..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("cn.moralbank.points.deed..", "cn.moralbank.points.ledger..",
                        "cn.moralbank.points.household..", "cn.moralbank.points.region..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.moralbank.points.ranking..",
                        "cn.moralbank.points.rating..", "cn.moralbank.points.report..")
                .check(CLASSES);
    }
}
