package cn.moralbank.points.voucher;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class VoucherArchitectureTest {
    private static final JavaClasses CLASSES = cn.moralbank.points.testing.PointsClasses.all();

    @Test
    void theVoucherAggregateIsPackagePrivateAndKnowsNothingOfMicronautOrAxonsInfrastructure() {
        classes().that().haveSimpleName("Voucher")
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .andShould().onlyDependOnClassesThat().resideInAnyPackage("cn.moralbank.points.voucher..",
                        "cn.moralbank.points.ledger.api..", "cn.moralbank.points.common..", "java..",
                        "org.axonframework.commandhandling..", "org.axonframework.eventsourcing..",
                        "org.axonframework.modelling.command..")
                .check(CLASSES);
    }

    @Test
    void theVoucherMessagesAreFreeOfMicronaut() {
        noClasses().that().resideInAPackage("cn.moralbank.points.voucher.api..")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut..")
                .check(CLASSES);
    }

    @Test
    void theLedgerDoesNotReachUpIntoVouchers() {
        noClasses().that().resideInAPackage("cn.moralbank.points.ledger..")
                .should().dependOnClassesThat().resideInAPackage("cn.moralbank.points.voucher..")
                .check(CLASSES);
    }
}
