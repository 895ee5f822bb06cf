package com.personifi.app;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import com.personifi.api.archfixture.ApiReachingIntoTheStatementParser;
import com.personifi.api.web.NotFoundException;
import com.personifi.ingest.mpesa.MpesaStatementCsv;
import com.personifi.schemas.archfixture.SchemasReachingIntoTheApi;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The module map of DESIGN.md, enforced: dependencies point one way, and another module is used only through the
 * packages it publishes. Each rule is also shown to catch a deliberate violation.
 */
class ArchitectureTest {

    /** Packages a module offers to other modules; every other package of the module is its own business. */
    private static final Map<String, Set<String>> PUBLISHED = Map.of(
            "ingest", Set.of("com.personifi.ingest", "com.personifi.ingest.demo", "com.personifi.ingest.job",
                    "com.personifi.ingest.sms", "com.personifi.ingest.statement.csv"),
            "api", Set.of("com.personifi.api.auth"),
            "streams", Set.of("com.personifi.streams"),
            "batch", Set.of("com.personifi.batch"),
            "connectors", Set.of("com.personifi.connectors"));

    /** Main code of every module, whether the build hands it over as classes directories or jars. */
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("com.personifi");

    static final ArchRule MODULES_DEPEND_ONE_WAY = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("schemas").definedBy("com.personifi.schemas..")
            .layer("stack").definedBy("com.personifi.stack..")
            .layer("ingest").definedBy("com.personifi.ingest..")
            .layer("streams").definedBy("com.personifi.streams..")
            .layer("batch").definedBy("com.personifi.batch..")
            .layer("api").definedBy("com.personifi.api..")
            .layer("connectors").definedBy("com.personifi.connectors..")
            .layer("app").definedBy("com.personifi.app..")
            .whereLayer("app").mayNotBeAccessedByAnyLayer()
            .whereLayer("api").mayOnlyBeAccessedByLayers("app")
            .whereLayer("streams").mayOnlyBeAccessedByLayers("app")
            .whereLayer("batch").mayOnlyBeAccessedByLayers("app")
            .whereLayer("connectors").mayOnlyBeAccessedByLayers("app")
            .whereLayer("ingest").mayOnlyBeAccessedByLayers("api", "streams", "batch", "connectors", "app")
            .whereLayer("stack").mayOnlyBeAccessedByLayers("app")
            .whereLayer("schemas").mayOnlyBeAccessedByLayers("stack", "ingest", "streams", "batch", "api",
                    "connectors", "app");

    static ArchRule internalsStayInside() {
        return ArchRuleDefinition.classes().should(new ArchCondition<JavaClass>(
                "use other modules only through their published packages") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String originModule = module(origin.getPackageName());
                origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                    JavaClass target = dependency.getTargetClass();
                    String targetModule = module(target.getPackageName());
                    Set<String> published = PUBLISHED.get(targetModule);
                    if (published != null && !targetModule.equals(originModule)
                            && !published.contains(target.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(dependency,
                                dependency.getDescription() + " reaches into internals of module " + targetModule));
                    }
                });
            }
        });
    }

    private static String module(String packageName) {
        String[] parts = packageName.split("\\.");
        return parts.length > 2 && parts[0].equals("com") && parts[1].equals("personifi") ? parts[2] : "";
    }

    @Test
    void theRulesSeeTheMainCodeOfEveryModule() {
        assertThat(PRODUCTION.stream().map(c -> module(c.getPackageName())).distinct())
                .contains("schemas", "stack", "ingest", "streams", "batch", "api", "connectors", "app");
        assertThat(PRODUCTION.contain(SchemasReachingIntoTheApi.class)).isFalse();
    }

    @Test
    void modulesDependOnlyInTheDirectionOfTheDesign() {
        MODULES_DEPEND_ONE_WAY.check(PRODUCTION);
    }

    @Test
    void modulesUseEachOtherOnlyThroughTheirPublishedPackages() {
        internalsStayInside().check(PRODUCTION);
    }

    @Test
    void theDirectionRuleCatchesSchemasDependingOnTheApi() {
        JavaClasses violating = new ClassFileImporter().importClasses(SchemasReachingIntoTheApi.class,
                NotFoundException.class);

        assertThat(MODULES_DEPEND_ONE_WAY.evaluate(violating).hasViolation()).isTrue();
    }

    @Test
    void theInternalsRuleCatchesTheApiUsingTheParserDirectly() {
        JavaClasses violating = new ClassFileImporter().importClasses(ApiReachingIntoTheStatementParser.class,
                MpesaStatementCsv.class);

        assertThat(internalsStayInside().evaluate(violating).hasViolation()).isTrue();
    }
}
