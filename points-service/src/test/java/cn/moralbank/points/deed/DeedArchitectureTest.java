package cn.moralbank.points.deed;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The deed context's boundaries, checked on the compiled classes. */
class DeedArchitectureTest {
    private static final JavaClasses CLASSES = cn.moralbank.points.testing.PointsClasses.all();

    @Test
    void theAggregatesArePackagePrivateAndKnowNothingOfMicronautOrAxonsInfrastructure() {
        classes().that().haveSimpleName("Deed").or().haveSimpleName("ReviewSession").or().haveSimpleName("Tally")
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .andShould().onlyDependOnClassesThat().resideInAnyPackage("cn.moralbank.points.deed..",
                        "cn.moralbank.points.ledger.api..", "cn.moralbank.points.rules..",
                        "cn.moralbank.points.access..", "cn.moralbank.points.common..", "java..",
                        "org.axonframework.commandhandling..", "org.axonframework.eventsourcing..",
                        "org.axonframework.modelling.command..")
                .check(CLASSES);
    }

    @Test
    void theMessagesAreRecordsFreeOfMicronaut() {
        noClasses().that().resideInAPackage("cn.moralbank.points.deed.api..")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut..")
                .check(CLASSES);
    }

    @Test
    void theRulesCatalogDoesNotReachUpIntoDeeds() {
        noClasses().that().resideInAPackage("cn.moralbank.points.rules..")
                .should().dependOnClassesThat().resideInAPackage("cn.moralbank.points.deed..")
                .check(CLASSES);
    }
}
