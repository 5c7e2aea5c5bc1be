package cn.moralbank.web.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jmolecules.architecture.onion.simplified.ApplicationRing;
import org.jmolecules.architecture.onion.simplified.DomainRing;
import org.jmolecules.architecture.onion.simplified.InfrastructureRing;
import org.jmolecules.archunit.JMoleculesArchitectureRules;
import org.jmolecules.archunit.JMoleculesArchitectureRules.StereotypeLookup;
import org.jmolecules.archunit.JMoleculesDddRules;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.event.annotation.DomainEvent;
import org.axonframework.commandhandling.CommandBus;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The architecture as the code declares it (jMolecules): the onion's rings in each package's {@code package-info.java}
 * (a class may name its own ring, as the aggregates and the checkout policy do), aggregates, identities, value objects
 * and events by annotation. One rule set checks all three modules against those declarations instead of against
 * class names: a new aggregate or a new package is checked as soon as it says what it is.
 *
 * <p>Rings, inside out: domain (messages, aggregates, policies, the shared kernel), application (services, processes,
 * projections, queries), infrastructure (infra, the HTTP APIs, pages, the whole web module). A ring uses only the
 * rings inside it; the application's ports to the database (SqlRows, BatchedStatements, PerBatch, TransactionLocks,
 * Transactions, DatabaseFailures) are interfaces it owns, implemented in infra, and JDBC itself is infra's alone.
 */
class ArchitectureRulesTest {
    /** Micronaut's generated bean definitions and introspections ({@code $Name$Definition}): not the product's code. */
    private static final Pattern GENERATED = Pattern.compile(".*/\\$[^/]*\\.class$");

    /** The product's own classes: tests excluded, whether compiled here or packed in a module's test jar. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar") && !location.matches(GENERATED))
            .importPackages("cn.moralbank");

    /**
     * Domain, application, infrastructure: each ring reaches only inward (docs/architecture.md). A nested class is in
     * the ring of the class it is nested in (an aggregate's state enum, a plan's line).
     */
    @Test
    void eachRingUsesOnlyTheRingsInsideIt() {
        JMoleculesArchitectureRules.ensureOnionSimple(StereotypeLookup.of(ArchitectureRulesTest::itselfAndEnclosing))
                .check(CLASSES);
    }

    private static Stream<JavaClass> itselfAndEnclosing(JavaClass type) {
        return Stream.iterate(type, Objects::nonNull, c -> c.getEnclosingClass().orElse(null));
    }

    /**
     * jMolecules' DDD rules: an aggregate names its identity, refers to another aggregate only by its id, and a value
     * object holds no entity.
     */
    @Test
    void aggregatesAndValuesKeepTheDddRules() {
        JMoleculesDddRules.all().check(CLASSES);
    }

    /**
     * Every class sits in a ring, so the onion rule sees it: a package without a {@code package-info.java} naming its
     * ring (or a class outside any) would be checked by nothing.
     */
    @Test
    void everyClassIsDeclaredInARing() {
        classes().that().resideInAPackage("cn.moralbank..")
                .should(ring())
                .check(CLASSES);
    }

    /**
     * An aggregate (declared {@code @AggregateRoot}) is package-private, lives in the domain ring and knows nothing of
     * Micronaut, the database or Axon's infrastructure: its command handlers decide and apply, nothing else.
     */
    @Test
    void anAggregateIsAPackagePrivateDomainClassFreeOfFrameworksAndTheDatabase() {
        ArchRule rule = classes().that().areAnnotatedWith(AggregateRoot.class)
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .andShould().beAnnotatedWith(DomainRing.class)
                .andShould().onlyDependOnClassesThat().resideInAnyPackage("cn.moralbank..", "java..",
                        "org.jmolecules..", "org.axonframework.commandhandling..",
                        "org.axonframework.eventsourcing..", "org.axonframework.modelling.command..",
                        "org.axonframework.serialization");
        rule.check(CLASSES);
    }

    /**
     * Every command goes through {@code Commands} (infra.axon's {@code BoundedCommands}: who sent it as metadata, a
     * bounded wait): Axon's own gateways, whose {@code sendAndWait} waits for ever, are used in infra.axon alone. The
     * demo's loader sent through one until session 14.
     */
    @Test
    void commandsAreSentOnlyThroughTheBoundedGateway() {
        noClasses().that().resideOutsideOfPackage("cn.moralbank.points.infra.axon..")
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling.gateway..")
                // nor straight to the bus, which answers whenever the handler does
                .orShould().dependOnClassesThat().areAssignableTo(CommandBus.class)
                .check(CLASSES);
    }

    /**
     * A day is the villages' day: "today" is read from the application's clock, whose zone is the villages'
     * ({@code MORALBANK_ZONE}), never from the server's zone. A passbook read the same morning was refused as a future
     * date on a server in UTC, and printed passbooks carried the server's date (the go-live walk, session 19).
     */
    @Test
    void todayIsTheVillagesDayNeverTheServers() {
        noClasses().should().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .because("LocalDate.now(clock) reads the villages' day; LocalDate.now() the server's")
                .check(CLASSES);
    }

    /**
     * The domain ring knows nothing of HTTP either: where a request came from is the infrastructure's question
     * ({@code http.ClientAddress}, which sat in the domain's {@code access} package until session 14).
     */
    @Test
    void theDomainRingKnowsNothingOfHttp() {
        noClasses().that(inDomainRing())
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.http..", "io.netty..")
                .check(CLASSES);
    }

    /**
     * The domain ring (messages, aggregates, policies, the shared kernel) imports neither JDBC nor Micronaut's data
     * and transactions, nor the JDBC helpers: persistence is the application ring's, through the ports infra
     * implements.
     */
    @Test
    void theDomainRingKnowsNothingOfTheDatabase() {
        noClasses().that(inDomainRing())
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "io.micronaut.data.jdbc..", "io.micronaut.data.connection..", "io.micronaut.transaction..",
                        "org.postgresql..", "org.axonframework.common.jdbc..")
                .orShould().dependOnClassesThat().haveSimpleName("SqlRows")
                .orShould().dependOnClassesThat().haveSimpleName("BatchedStatements")
                .orShould().dependOnClassesThat().haveSimpleName("PerBatch")
                .check(CLASSES);
    }

    /**
     * JDBC is the infrastructure ring's: outside it no class holds a connection or a data source, Micronaut's JDBC
     * or connection operations, PostgreSQL's driver or a transaction begun in code. Services reach the database through
     * the ports they own (SqlRows, BatchedStatements, PerBatch, TransactionLocks, Transactions, DatabaseFailures),
     * implemented in infra; {@code @Transactional} on a method stays theirs. Of java.sql they see only
     * {@link #JDBC_VOCABULARY}, what those ports speak.
     */
    @Test
    void jdbcIsUsedOnlyInTheInfrastructureRing() {
        noClasses().that(outsideInfrastructureRing())
                .should().dependOnClassesThat(jdbcBeyondThePortsVocabulary())
                .orShould().dependOnClassesThat().resideInAnyPackage("io.micronaut.data.jdbc.runtime..",
                        "io.micronaut.data.connection..", "org.postgresql..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.micronaut.transaction.TransactionOperations")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "io.micronaut.transaction.SynchronousTransactionManager")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "io.micronaut.transaction.TransactionDefinition")
                .check(CLASSES);
    }

    /** The java.sql types a class outside infra may see, each for one reason; everything else of JDBC is infra's. */
    private static final Map<String, String> JDBC_VOCABULARY = Map.of(
            "java.sql.ResultSet", "the row SqlRows hands to the query that maps it",
            "java.sql.PreparedStatement", "the statement SqlRows.prepare and BatchedStatements hand to bind values on",
            "java.sql.SQLException", "what those callbacks may throw",
            "java.sql.Timestamp", "an instant bound to or read from such a statement",
            "java.sql.Date", "a date bound to or read from such a statement",
            "java.sql.Types", "the type of a NULL bound to such a statement");

    private static DescribedPredicate<JavaClass> jdbcBeyondThePortsVocabulary() {
        return DescribedPredicate.describe("are JDBC (java.sql, javax.sql) beyond " + JDBC_VOCABULARY.keySet(),
                c -> (c.getPackageName().equals("java.sql") || c.getPackageName().startsWith("javax.sql"))
                        && !JDBC_VOCABULARY.containsKey(c.getName()));
    }

    private static DescribedPredicate<JavaClass> outsideInfrastructureRing() {
        return DescribedPredicate.describe("are outside the infrastructure ring",
                c -> ringOf(c).filter(InfrastructureRing.class::equals).isEmpty());
    }

    /**
     * Every context's messages (its {@code api} package: commands, events, identities, refusals) are plain Java, free
     * of Micronaut: they travel through Axon and are stored as JSON, whatever serves them.
     */
    @Test
    void theMessagesOfEveryContextAreFreeOfMicronaut() {
        noClasses().that().resideInAPackage("cn.moralbank..api..")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut..")
                .check(CLASSES);
    }

    /** A domain event (declared {@code @DomainEvent}) is a record of the domain ring, free of Micronaut. */
    @Test
    void aDomainEventIsARecordOfTheDomainRingFreeOfMicronaut() {
        classes().that().areAnnotatedWith(DomainEvent.class)
                .should().beRecords()
                .andShould(ring(DomainRing.class))
                .andShould().onlyDependOnClassesThat().resideOutsideOfPackage("io.micronaut..")
                .check(CLASSES);
    }

    /**
     * The web's pages read each module's figures through the module's query classes (the kiosk's SalesFigures, the
     * points service's Rankings, RatingQueries …), never with SQL of their own: the kiosk's tables change with the
     * kiosk alone.
     */
    @Test
    void thePagesReadThroughTheModulesQueriesNeverWithSqlOfTheirOwn() {
        noClasses().that().resideInAnyPackage("cn.moralbank.web.pages..", "cn.moralbank.web.households..",
                        "cn.moralbank.web.people..", "cn.moralbank.web.golive..", "cn.moralbank.web.ops..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "io.micronaut.data.jdbc..")
                .orShould().dependOnClassesThat().haveSimpleName("SqlRows")
                .check(CLASSES);
    }

    private static final List<Class<? extends Annotation>> RINGS =
            List.of(DomainRing.class, ApplicationRing.class, InfrastructureRing.class);

    /**
     * The ring of a class as jMolecules reads it: named on the class (or the class it is nested in), else on the
     * nearest package that names one.
     */
    static Optional<Class<? extends Annotation>> ringOf(JavaClass type) {
        for (JavaClass c = type; c != null; c = c.getEnclosingClass().orElse(null)) {
            for (Class<? extends Annotation> ring : RINGS) {
                if (c.isAnnotatedWith(ring)) {
                    return Optional.of(ring);
                }
            }
        }
        for (JavaPackage p = type.getPackage(); p != null; p = p.getParent().orElse(null)) {
            for (Class<? extends Annotation> ring : RINGS) {
                if (p.isAnnotatedWith(ring)) {
                    return Optional.of(ring);
                }
            }
        }
        return Optional.empty();
    }

    private static DescribedPredicate<JavaClass> inDomainRing() {
        return DescribedPredicate.describe("are in the domain ring",
                c -> ringOf(c).filter(DomainRing.class::equals).isPresent());
    }

    private static ArchCondition<JavaClass> ring() {
        return new ArchCondition<>("be declared in an onion ring") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (ringOf(c).isEmpty()) {
                    events.add(SimpleConditionEvent.violated(c,
                            c.getName() + " is in no ring: its package (or a parent) needs a package-info.java"));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> ring(Class<? extends Annotation> ring) {
        return new ArchCondition<>("be in the ring " + ring.getSimpleName()) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (!ringOf(c).filter(ring::equals).isPresent()) {
                    events.add(SimpleConditionEvent.violated(c,
                            c.getName() + " is not in the ring " + ring.getSimpleName()));
                }
            }
        };
    }
}
