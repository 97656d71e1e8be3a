package org.eventdedup.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hexagonal shape of Event Dedup, checked on the production classes of every module (through the app module,
 * which depends on all of them). {@code archunit.properties} keeps fail-on-empty on, so a rule whose packages match
 * no class fails instead of passing while checking nothing.
 *
 * <p>The worker is an outer module like the adapters: only the app wires it, and within it HTTP (Javalin) stays at
 * its edge, in {@code worker.http}, so the pipeline, intake and preview never depend on how they are called.
 */
class ArchitectureTest {

    static final String ROOT = "org.eventdedup";
    static final String DOMAIN = "org.eventdedup.config.domain..";
    static final String ADAPTERS = "org.eventdedup.config.adapter..";
    static final String APP = "org.eventdedup.app..";
    static final String ENGINE = "org.eventdedup.matching..";
    static final String WORKER = "org.eventdedup.worker..";
    static final String WORKER_HTTP = "org.eventdedup.worker.adapter.http..";
    static final String BENCHMARKS = "org.eventdedup.benchmarks..";
    static final String OFFLINE = "org.eventdedup.offline..";

    static final ArchRule config_domain_depends_only_on_the_jdk_jakarta_validation_and_itself =
            classes().that().resideInAPackage(DOMAIN)
                    .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta.validation..", DOMAIN);

    static final ArchRule config_domain_does_not_use_jackson_jdbi_or_javalin =
            noClasses().that().resideInAPackage(DOMAIN)
                    .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..", "org.jdbi..",
                            "io.javalin..");

    static final ArchRule matching_engine_depends_only_on_the_jdk_the_config_model_and_inbound_ports =
            classes().that().resideInAPackage(ENGINE)
                    .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ENGINE,
                            "org.eventdedup.config.domain.model..", "org.eventdedup.config.domain.port.in..");

    static final ArchRule adapters_do_not_depend_on_each_other =
            slices().matching("org.eventdedup.config.adapter.(*)..").namingSlices("adapter $1")
                    .should().notDependOnEachOther();

    static final ArchRule only_the_app_depends_on_adapters =
            noClasses().that().resideInAPackage(ROOT + "..")
                    .and().resideOutsideOfPackages(APP, ADAPTERS)
                    .should().dependOnClassesThat().resideInAPackage(ADAPTERS);

    static final ArchRule nothing_depends_on_the_composition_root =
            noClasses().that().resideInAPackage(ROOT + "..").and().resideOutsideOfPackage(APP)
                    .should().dependOnClassesThat().resideInAPackage(APP);

    static final ArchRule only_the_app_the_benchmarks_and_the_offline_runs_depend_on_the_worker =
            noClasses().that().resideInAPackage(ROOT + "..")
                    .and().resideOutsideOfPackages(APP, WORKER, BENCHMARKS, OFFLINE)
                    .should().dependOnClassesThat().resideInAPackage(WORKER);

    static final ArchRule only_the_workers_http_package_uses_javalin =
            noClasses().that().resideInAPackage(WORKER).and().resideOutsideOfPackage(WORKER_HTTP)
                    .should().dependOnClassesThat().resideInAPackage("io.javalin..");

    /** The module's factory ({@code WorkerModule}, in the root package) may build the routes; nothing inside may. */
    static final ArchRule the_workers_inner_packages_do_not_depend_on_its_http_edge =
            noClasses().that().resideInAPackage(WORKER)
                    .and().resideOutsideOfPackages("org.eventdedup.worker", WORKER_HTTP)
                    .should().dependOnClassesThat().resideInAPackage(WORKER_HTTP);

    static final ArchRule packages_of_event_dedup_are_free_of_cycles =
            slices().matching("org.eventdedup.(**)").namingSlices("package $1")
                    .should().beFreeOfCycles();

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void the_import_holds_the_production_classes_of_every_module_the_rules_name() {
        Set<String> packages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        assertThat(packages).contains(
                "org.eventdedup.config.domain.model",
                "org.eventdedup.config.domain.rule",
                "org.eventdedup.config.domain.port.in",
                "org.eventdedup.config.domain.port.out",
                "org.eventdedup.config.domain.service",
                "org.eventdedup.config.adapter.persistence",
                "org.eventdedup.config.adapter.secret",
                "org.eventdedup.config.adapter.yaml",
                "org.eventdedup.config.adapter.http",
                "org.eventdedup.matching.model",
                "org.eventdedup.worker",
                "org.eventdedup.worker.http",
                "org.eventdedup.worker.run",
                "org.eventdedup.app");
        assertThat(packages).as("test classes must not be imported")
                .noneMatch(p -> p.startsWith("org.eventdedup.testing") || p.endsWith(".testing")
                        || p.startsWith("org.eventdedup.architecture"));
    }

    @Test
    void a_rule_over_a_package_without_classes_fails_instead_of_passing() {
        ArchRule misspelt = noClasses().that().resideInAPackage("org.eventdedup.config.domian..")
                .should().dependOnClassesThat().resideInAPackage(ADAPTERS);
        assertThatThrownBy(() -> misspelt.check(classes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }

    @Test
    void config_domain_depends_only_on_the_jdk_jakarta_validation_and_itself() {
        config_domain_depends_only_on_the_jdk_jakarta_validation_and_itself.check(classes);
    }

    @Test
    void config_domain_does_not_use_jackson_jdbi_or_javalin() {
        config_domain_does_not_use_jackson_jdbi_or_javalin.check(classes);
    }

    @Test
    void matching_engine_depends_only_on_the_jdk_the_config_model_and_inbound_ports() {
        matching_engine_depends_only_on_the_jdk_the_config_model_and_inbound_ports.check(classes);
    }

    @Test
    void adapters_do_not_depend_on_each_other() {
        adapters_do_not_depend_on_each_other.check(classes);
    }

    @Test
    void only_the_app_depends_on_adapters() {
        only_the_app_depends_on_adapters.check(classes);
    }

    @Test
    void nothing_depends_on_the_composition_root() {
        nothing_depends_on_the_composition_root.check(classes);
    }

    @Test
    void only_the_app_the_benchmarks_and_the_offline_runs_depend_on_the_worker() {
        only_the_app_the_benchmarks_and_the_offline_runs_depend_on_the_worker.check(classes);
    }

    @Test
    void only_the_workers_http_package_uses_javalin() {
        only_the_workers_http_package_uses_javalin.check(classes);
    }

    @Test
    void the_workers_inner_packages_do_not_depend_on_its_http_edge() {
        the_workers_inner_packages_do_not_depend_on_its_http_edge.check(classes);
    }

    @Test
    void packages_of_event_dedup_are_free_of_cycles() {
        packages_of_event_dedup_are_free_of_cycles.check(classes);
    }
}
