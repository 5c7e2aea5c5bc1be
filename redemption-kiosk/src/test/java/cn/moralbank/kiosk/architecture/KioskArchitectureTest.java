package cn.moralbank.kiosk.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The love supermarket's boundaries, checked on the compiled classes. */
class KioskArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.moralbank.kiosk");

    @Test
    void theStockBookIsPackagePrivateAndKnowsNothingOfMicronautOrAxonsInfrastructure() {
        classes().that().haveSimpleName("SupermarketStock")
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .andShould().onlyDependOnClassesThat().resideInAnyPackage("cn.moralbank.kiosk.stock..",
                        "cn.moralbank.kiosk.api..", "cn.moralbank.points.ledger.api..",
                        "cn.moralbank.points.common..", "java..", "org.axonframework.commandhandling..",
                        "org.axonframework.eventsourcing..", "org.axonframework.modelling.command..")
                .check(CLASSES);
    }

    @Test
    void theKioskMessagesAreFreeOfMicronaut() {
        noClasses().that().resideInAPackage("cn.moralbank.kiosk.api..")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut..")
                .check(CLASSES);
    }

    @Test
    void theKioskUsesTheLedgerOnlyThroughItsPublicCommandsAndQueries() {
        noClasses().that().resideInAPackage("cn.moralbank.kiosk..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.moralbank.points.infra..",
                        "cn.moralbank.points.http..", "cn.moralbank.web..")
                .orShould().dependOnClassesThat(JavaClass.Predicates.simpleNameEndingWith("Repository")
                        .and(JavaClass.Predicates.resideInAPackage("cn.moralbank.points..")))
                .check(CLASSES);
    }

    @Test
    void onlyTheCheckoutProcessAndTheStockServiceSendStockCommands() {
        noClasses().that().resideInAnyPackage("cn.moralbank.kiosk.http..", "cn.moralbank.kiosk.pages..")
                .should().dependOnClassesThat().haveSimpleName("StockCommands")
                .check(CLASSES);
    }
}
