package cn.moralbank.points.voucher;

import cn.moralbank.points.testing.PointsClasses;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The voucher context's place among the contexts. Its aggregate and messages are checked on what they declare
 * (jMolecules: {@code @AggregateRoot}, the domain ring) by the web module's ArchitectureRulesTest.
 */
class VoucherArchitectureTest {
    private static final JavaClasses CLASSES = PointsClasses.all();

    @Test
    void theLedgerDoesNotReachUpIntoVouchers() {
        noClasses().that().resideInAPackage("cn.moralbank.points.ledger..")
                .should().dependOnClassesThat().resideInAPackage("cn.moralbank.points.voucher..")
                .check(CLASSES);
    }
}
