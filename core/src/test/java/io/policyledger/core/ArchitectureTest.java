package io.policyledger.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Core is the policy language shared by every other module and by the agent: plain Java, so it can be
 * benchmarked, fuzzed and embedded without dragging a framework along. Rules that match no class fail
 * (ArchUnit's default), so an import that silently finds nothing cannot pass.
 */
@AnalyzeClasses(packages = "io.policyledger.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String CORE = "io.policyledger.core..";

    @ArchTest
    static final ArchRule coreDoesNotDependOnSpring = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule coreDoesNotDependOnAxon = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.axonframework..");

    @ArchTest
    static final ArchRule coreDoesNotDependOnJdbc = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..");

    @ArchTest
    static final ArchRule coreDoesNotDependOnJakartaOrHibernate = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta..", "org.hibernate..");
}
