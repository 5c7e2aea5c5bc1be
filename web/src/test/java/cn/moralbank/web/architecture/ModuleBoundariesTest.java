package cn.moralbank.web.architecture;

import cn.moralbank.points.common.SaneDate;
import cn.moralbank.points.testing.PointsClasses;
import cn.moralbank.web.error.UploadNames;
import cn.moralbank.web.error.UploadedContent;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import io.micronaut.http.multipart.FileUpload;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The boundaries of docs/architecture.md, checked on the compiled classes of all three modules: dependencies point
 * web -> redemption-kiosk -> points-service; the kiosk uses the ledger only through its public commands and
 * queries; Axon's wiring lives in one factory; domain messages and aggregates know nothing of Micronaut.
 */
class ModuleBoundariesTest {
    private static final JavaClasses CLASSES = PointsClasses.of("cn.moralbank");

    @Test
    void thePointsServiceReachesNeitherUpToTheKioskNorToTheWeb() {
        noClasses().that().resideInAPackage("cn.moralbank.points..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.moralbank.kiosk..", "cn.moralbank.web..")
                .check(CLASSES);
    }

    @Test
    void theKioskNeverReachesUpToTheWeb() {
        noClasses().that().resideInAPackage("cn.moralbank.kiosk..")
                .should().dependOnClassesThat().resideInAPackage("cn.moralbank.web..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void theKioskUsesTheLedgerOnlyThroughItsPublicCommandsAndQueries() {
        noClasses().that().resideInAPackage("cn.moralbank.kiosk..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.moralbank.points.infra..",
                        "cn.moralbank.points.http..")
                .orShould().dependOnClassesThat(JavaClass.Predicates.simpleNameEndingWith("Repository")
                        .and(JavaClass.Predicates.resideInAPackage("cn.moralbank.points..")))
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    /**
     * A number typed into a page or an API is read by {@code WholeNumber} (ASCII digits only, in range) or the strict
     * binders, never by {@code Long.parseLong}/{@code valueOf} or {@code Integer.parseInt}, which take every script's
     * digits and a plus sign: two forms did, and a supermarket "１" or a rule "١" was taken as 1.
     */
    @Test
    void pagesAndApisReadNumbersOnlyThroughWholeNumber() {
        noClasses().that().haveNameMatching(".*(Page|Pages|Api|Controller)")
                .should().callMethod(Long.class, "parseLong", String.class)
                .orShould().callMethod(Long.class, "valueOf", String.class)
                .orShould().callMethod(Integer.class, "parseInt", String.class)
                .orShould().callMethod(Integer.class, "valueOf", String.class)
                .check(CLASSES);
    }

    /**
     * A file sent back by an import's confirmation is text its sender chose: it is decoded only by UploadedContent,
     * which refuses what is not base64, 422 on the page (three import pages each decoded it themselves and answered that with a 500).
     */
    @Test
    void base64FromARequestIsDecodedOnlyThroughItsCheck() {
        noClasses().that().resideInAPackage("cn.moralbank.web..")
                .and().doNotHaveFullyQualifiedName(UploadedContent.class.getName())
                .should().callMethodWhere(JavaCall.Predicates.target(
                        HasName.Predicates.name("decode"))
                        .and(JavaCall.Predicates.target(
                                HasOwner.Predicates.With.owner(
                                        JavaClass.Predicates.assignableTo(Base64.Decoder.class)))))
                .check(CLASSES);
    }

    /** An uploaded file's name is typed by its sender: it is read only through the check of UploadNames. */
    @Test
    void anUploadedFilesNameIsReadOnlyThroughItsCheck() {
        noClasses().that().doNotHaveFullyQualifiedName(UploadNames.class.getName())
                .should().callMethodWhere(JavaCall.Predicates.target(
                        HasName.Predicates.name("getFilename"))
                        .and(JavaCall.Predicates.target(
                                HasOwner.Predicates.With.owner(
                                        JavaClass.Predicates.assignableTo(FileUpload.class)))))
                .check(CLASSES);
    }

    /**
     * A typed secret is compared only where a throttle's try was claimed first: passwords in Passwords, PINs in
     * CardPins (CardSignIn compares a dummy hash only, so an unknown card costs the same time as a known one).
     */
    @Test
    void aTypedSecretIsComparedOnlyWhereATryWasClaimedFirst() {
        noClasses().that().doNotHaveFullyQualifiedName("cn.moralbank.points.people.Passwords")
                .and().doNotHaveFullyQualifiedName("cn.moralbank.kiosk.checkout.CardPins")
                .and().doNotHaveFullyQualifiedName("cn.moralbank.web.pages.self.CardSignIn")
                .should().callMethod(at.favre.lib.crypto.bcrypt.BCrypt.class, "verifyer")
                .check(CLASSES);
    }

    /** A date typed as text is read only within the product's window (SaneDate.parse), whoever reads it. */
    @Test
    void aDateIsParsedFromTextOnlyThroughTheWindowCheck() {
        noClasses().that().doNotHaveFullyQualifiedName(SaneDate.class.getName())
                .should().callMethod(LocalDate.class, "parse", CharSequence.class)
                .orShould().callMethod(LocalDate.class, "parse", CharSequence.class,
                        DateTimeFormatter.class)
                .check(CLASSES);
    }

    /** An aggregate names its snapshot's revision: an annotation on the domain class, not wiring. */
    private static final DescribedPredicate<JavaClass> SNAPSHOT_REVISION =
            JavaClass.Predicates.type(Revision.class);

    @Test
    void onlyTheInfrastructureFactoryConfiguresAxon() {
        // the county generator writes its history straight into the event store, through Axon's storage engine
        noClasses().that().resideOutsideOfPackage("cn.moralbank.points.infra.axon..")
                .and().resideOutsideOfPackage("cn.moralbank.web.county..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(
                        "org.axonframework.eventsourcing.eventstore..", "org.axonframework.eventhandling.tokenstore..",
                        "org.axonframework.serialization..", "org.axonframework.common.jdbc..",
                        "org.axonframework.common.transaction..").and(not(SNAPSHOT_REVISION)))
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.config.DefaultConfigurer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.config.Configurer")
                .check(CLASSES);
    }
}
