package org.modelops.governance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.modelops", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theDomainIsFreeOfFrameworkCode = noClasses()
            .that().resideInAnyPackage("..model..", "..governance.shared..", "org.modelops.audit..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "org.flowable..", "jakarta..",
                    "com.networknt..")
            .because("the business rules must read, run and be tested without any framework");

    @ArchTest
    static final ArchRule onlyWorkflowAdaptersKnowTheEngine = noClasses()
            .that().resideOutsideOfPackages("..workflow..", "..flowable..")
            .should().dependOnClassesThat().resideInAPackage("org.flowable..")
            .because("BPMN does the flow; the rest of the service must not care which engine runs it");

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices()
            .matching("org.modelops.governance.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule webAdaptersAreNotUsedByTheirFeature = noClasses()
            .that().resideOutsideOfPackages("..web..")
            .should().dependOnClassesThat().resideInAPackage("..registry.web..");
}
