package cn.moralbank.points.deed;

import cn.moralbank.points.testing.PointsClasses;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The deed context's place among the contexts. Its aggregates and messages are checked on what they declare
 * (jMolecules: {@code @AggregateRoot}, the domain ring) by the web module's ArchitectureRulesTest.
 */
class DeedArchitectureTest {
    private static final JavaClasses CLASSES = PointsClasses.all();

    @Test
    void theRulesCatalogDoesNotReachUpIntoDeeds() {
        noClasses().that().resideInAPackage("cn.moralbank.points.rules..")
                .should().dependOnClassesThat().resideInAPackage("cn.moralbank.points.deed..")
                .check(CLASSES);
    }
}
