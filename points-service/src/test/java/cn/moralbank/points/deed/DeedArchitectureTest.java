package cn.moralbank.points.deed;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The deed context's boundaries, checked on the compiled classes. */
class DeedArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.moralbank.points");

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
