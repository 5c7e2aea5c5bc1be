package cn.moralbank.points.rating;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The boundaries of the rankings and ratings, checked on the compiled classes. */
class RatingArchitectureTest {
    private static final JavaClasses CLASSES = cn.moralbank.points.testing.PointsClasses.all();

    @Test
    void theRatingRoundIsPackagePrivateAndKnowsNothingOfMicronautOrTheDatabase() {
        classes().that().haveSimpleName("RatingRound").or().haveSimpleName("Scoring")
                .should().onlyDependOnClassesThat().resideInAnyPackage("cn.moralbank.points.rating..",
                        "cn.moralbank.points.ranking", "cn.moralbank.points.common..", "java..",
                        "org.axonframework.commandhandling..", "org.axonframework.eventsourcing..",
                        "org.axonframework.modelling.command..")
                .check(CLASSES);
        classes().that().haveSimpleName("RatingRound").should().notHaveModifier(JavaModifier.PUBLIC).check(CLASSES);
    }

    @Test
    void theRoundsMessagesAreRecordsFreeOfMicronaut() {
        noClasses().that().resideInAPackage("cn.moralbank.points.rating.api..")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut..")
                .check(CLASSES);
    }

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
