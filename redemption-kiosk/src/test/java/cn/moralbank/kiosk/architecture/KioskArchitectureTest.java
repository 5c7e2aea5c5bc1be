package cn.moralbank.kiosk.architecture;

import cn.moralbank.kiosk.product.Product;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.voucher.VoucherView;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The love supermarket's boundaries that name its classes: the stock book (an {@code @AggregateRoot}), the messages
 * and the rings are checked on what they declare (jMolecules) by the web module's ArchitectureRulesTest.
 */
class KioskArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.moralbank.kiosk");

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
    void neitherTheApiNorThePagesSendStockCommands() {
        noClasses().that().resideInAnyPackage("cn.moralbank.kiosk.http..", "cn.moralbank.kiosk.pages..")
                .should().dependOnClassesThat().haveSimpleName("StockCommands")
                .check(CLASSES);
    }

    private static final String POLICY = "cn\\.moralbank\\.kiosk\\.checkout\\.CheckoutP(olicy|lan)(\\$.*)?";
    private static final String REQUEST = "cn\\.moralbank\\.kiosk\\.checkout\\.CheckoutRequest(\\$.*)?";

    /**
     * What a basket costs and how it is paid is decided on values alone: the policy and its plan may see the
     * kiosk's messages, the values they decide on, the refusals they throw and the text rules (PlainText), never a
     * service, a repository, the database, Micronaut or Axon.
     */
    @Test
    void theCheckoutPolicyDecidesOnValuesAlone() {
        classes().that().haveNameMatching(POLICY)
                .should().onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("java.lang..",
                                "java.util..", "java.time..", "java.security..", "java.nio.charset..",
                                "cn.moralbank.kiosk.api..", "cn.moralbank.points.voucher.api..",
                                "cn.moralbank.points.ledger.api..",
                                "org.jmolecules.architecture..")
                        .or(HasName.Predicates.nameMatching(POLICY))
                        .or(HasName.Predicates.nameMatching(REQUEST))
                        .or(JavaClass.Predicates.belongToAnyOf(Product.class, Household.class, VoucherView.class,
                                BadInput.class, NotFound.class, PlainText.class)))
                .check(CLASSES);
    }

    /**
     * The checkout reaches its tables and its lock only through the stores it owns ({@code CheckoutStore},
     * {@code CardPinStore}), implemented in {@code kiosk.infra}; no exception (CardPins wrote its own SQL until
     * session 14).
     */
    @Test
    void theCheckoutReachesTheDatabaseOnlyThroughItsStore() {
        noClasses().that().resideInAPackage("cn.moralbank.kiosk.checkout..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "io.micronaut.transaction..", "io.micronaut.data.connection..", "io.micronaut.data.jdbc..",
                        "io.micronaut.data.repository..")
                .orShould().dependOnClassesThat().haveSimpleName("SqlRows")
                .check(CLASSES);
    }

    @Test
    void theKioskInfrastructureIsReachedOnlyThroughInterfacesTheDomainOwns() {
        noClasses().that().resideOutsideOfPackage("cn.moralbank.kiosk.infra..")
                .should().dependOnClassesThat().resideInAPackage("cn.moralbank.kiosk.infra..")
                .check(CLASSES);
        // Micronaut's generated bean definitions ($…) are public by necessity
        classes().that().resideInAPackage("cn.moralbank.kiosk.infra..").and().areTopLevelClasses()
                .and().haveNameNotMatching(".*\\.\\$.*")
                .should().notBePublic()
                .check(CLASSES);
    }
}
