package kz.citizenrequests.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import kz.citizenrequests.casework.CaseworkService;
import kz.citizenrequests.casework.HistoryEntry;
import kz.citizenrequests.casework.HistoryRepository;
import kz.citizenrequests.casework.Request;
import kz.citizenrequests.casework.RequestRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Which room may use which (docs/ARCHITECTURE.md). A broken rule fails the build, so a
 * boundary is kept by the build rather than by review.
 */
class ModuleBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("kz.citizenrequests");
    }

    /** One owner per table: only casework creates, reads and changes requests and their history. */
    @Test
    void onlyCaseworkTouchesRequestsAndTheirHistory() {
        noClasses().that().resideOutsideOfPackage("kz.citizenrequests.casework..")
                .should().dependOnClassesThat().belongToAnyOf(Request.class, RequestRepository.class,
                        HistoryRepository.class, HistoryEntry.class)
                .because("other features go through casework's services (Reception, CaseworkService, PublishedRequests)")
                .check(classes);
    }

    @Test
    void sharedDependsOnNoFeature() {
        noClasses().that().resideInAPackage("kz.citizenrequests.shared..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "kz.citizenrequests.calendar..",
                        "kz.citizenrequests.casework..", "kz.citizenrequests.intake..", "kz.citizenrequests.open311..",
                        "kz.citizenrequests.reference..", "kz.citizenrequests.reporting..", "kz.citizenrequests.routing..",
                        "kz.citizenrequests.portal..", "kz.citizenrequests.notifications..",
                        "kz.citizenrequests.answers..", "kz.citizenrequests.workbench..")
                .check(classes);
    }

    /**
     * Notifications listen to casework's public acts and keep their own outbox; no feature
     * calls them, so an act never waits on a mail server or a gateway.
     */
    @Test
    void nothingDependsOnNotifications() {
        noClasses().that().resideOutsideOfPackage("kz.citizenrequests.notifications..")
                .should().dependOnClassesThat().resideInAPackage("kz.citizenrequests.notifications..")
                .check(classes);
    }

    @Test
    void theRoomsHaveNoCycles() {
        slices().matching("kz.citizenrequests.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Reporting reads its rollups; it never reaches into intake or Open311. */
    @Test
    void reportingIsReadOnlyAndDependsOnNoEntryPoint() {
        noClasses().that().resideInAPackage("kz.citizenrequests.reporting..")
                .should().dependOnClassesThat().resideInAnyPackage("kz.citizenrequests.intake..",
                        "kz.citizenrequests.open311..")
                .check(classes);
    }

    /** Open311 translates the standard: it uses intake and casework services, not another feature's tables. */
    @Test
    void open311UsesNoEntityManagerOutsideItsOwnApiKeys() {
        noClasses().that().resideInAPackage("kz.citizenrequests.open311..")
                .and().haveSimpleNameNotStartingWith("ApiKey")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .check(classes);
    }

    /**
     * The portal is a face, not a backend: it turns pages into the commands of intake and
     * casework and renders their answers; it holds no table, and no feature depends on it.
     */
    @Test
    void thePortalGoesThroughTheServicesAndNothingDependsOnIt() {
        noClasses().that().resideInAPackage("kz.citizenrequests.portal..")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.sql.DataSource")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("kz.citizenrequests.portal..")
                .should().dependOnClassesThat().resideInAPackage("kz.citizenrequests.portal..")
                .check(classes);
    }

    /**
     * The workbench is a face like the portal: it turns staff's forms into casework's commands
     * (through the one guarded place, CaseworkService.act) and renders casework's views; it holds
     * no table, and no feature depends on it.
     */
    @Test
    void theWorkbenchGoesThroughTheServicesAndNothingDependsOnIt() {
        noClasses().that().resideInAPackage("kz.citizenrequests.workbench..")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.sql.DataSource")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("kz.citizenrequests.workbench..")
                .should().dependOnClassesThat().resideInAPackage("kz.citizenrequests.workbench..")
                .check(classes);
    }

    /**
     * Answer templates read a request only through {@code CaseworkService} (which applies the
     * branch rule of the staff view), and no feature but the workbench, which offers them, depends on them.
     */
    @Test
    void answersReadRequestsOnlyThroughCaseworkServiceAndNothingDependsOnThem() {
        noClasses().that().resideInAPackage("kz.citizenrequests.answers..")
                .should().dependOnClassesThat(resideInAPackage("kz.citizenrequests.casework..")
                        .and(not(belongToAnyOf(CaseworkService.class))))
                .check(classes);
        noClasses().that().resideOutsideOfPackage("kz.citizenrequests.answers..")
                .and().resideOutsideOfPackage("kz.citizenrequests.workbench..")
                .should().dependOnClassesThat().resideInAPackage("kz.citizenrequests.answers..")
                .check(classes);
    }

    /** Drafting fills templates with facts of a case; it writes nothing to the log, so no log can hold a draft. */
    @Test
    void answersLogNothing() {
        noClasses().that().resideInAPackage("kz.citizenrequests.answers..")
                .should().dependOnClassesThat(resideInAnyPackage("org.jboss.logging..", "io.quarkus.logging..",
                        "java.util.logging..", "org.slf4j.."))
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .check(classes);
    }
}
