package kz.citizenrequests.security;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/**
 * Every REST method says who may call it; one that does not fails the build. REST client
 * interfaces ({@code @RegisterRestClient}) are calls this service makes, not endpoints it serves.
 */
class EndpointsDeclareAccessTest {

    private static final List<Class<? extends Annotation>> ACCESS =
            List.of(RolesAllowed.class, PermitAll.class, Authenticated.class, DenyAll.class);

    @Test
    void everyRestMethodDeclaresWhoMayCallIt() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("kz.citizenrequests");
        ArchRule rule = methods().that().areAnnotatedWith(GET.class)
                .or().areAnnotatedWith(POST.class)
                .or().areAnnotatedWith(PUT.class)
                .or().areAnnotatedWith(DELETE.class)
                .or().areAnnotatedWith(PATCH.class)
                .or().areAnnotatedWith(HEAD.class)
                .and().areDeclaredInClassesThat().areNotAnnotatedWith(RegisterRestClient.class)
                .should(declareAccess())
                .allowEmptyShould(false);
        rule.check(classes);
    }

    private static ArchCondition<JavaMethod> declareAccess() {
        return new ArchCondition<>("declare @RolesAllowed, @PermitAll, @Authenticated or @DenyAll (on the method or its class)") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean declared = ACCESS.stream().anyMatch(a -> method.isAnnotatedWith(a) || method.getOwner().isAnnotatedWith(a));
                events.add(new SimpleConditionEvent(method, declared,
                        method.getFullName() + (declared ? " declares" : " does not declare") + " who may call it"));
            }
        };
    }
}
