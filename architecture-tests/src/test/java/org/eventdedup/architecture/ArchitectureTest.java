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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hexagonal shape of Event Dedup, checked on the production classes of every module (reached through the app
 * module, which depends on all of them). Each rule is a sentence; {@code archunit.properties} keeps fail-on-empty
 * on, so a rule whose packages match no class fails instead of passing while checking nothing, and
 * {@link RuleViolationsTest} shows each rule failing on a class that breaks it.
 *
 * <p>Two hexagons: the config domain ({@code config.domain}) with its adapters ({@code config.adapter.*}), and the
 * worker's core ({@code worker.run, ingest, input, preview, query, port}) with its adapters
 * ({@code worker.adapter.*}). The matching engine is pure. Only the app wires.
 */
class ArchitectureTest {

    static final String ROOT = "org.eventdedup";
    static final String DOMAIN = "org.eventdedup.config.domain..";
    static final String APP = "org.eventdedup.app..";
    static final String ENGINE = "org.eventdedup.matching..";
    static final String WORKER = "org.eventdedup.worker..";
    static final String BENCHMARKS = "org.eventdedup.benchmarks..";
    static final String OFFLINE = "org.eventdedup.offline..";
    static final String GENERATOR = "org.eventdedup.generator..";
    static final String[] ADAPTERS = {"org.eventdedup.config.adapter..", "org.eventdedup.worker.adapter.."};
    static final String[] WORKER_CORE = {"org.eventdedup.worker.run..", "org.eventdedup.worker.ingest..",
            "org.eventdedup.worker.input..", "org.eventdedup.worker.preview..", "org.eventdedup.worker.query..",
            "org.eventdedup.worker.tuning..", "org.eventdedup.worker.labels..", "org.eventdedup.worker.port.."};

    static final ArchRule the_config_domain_depends_only_on_the_jdk_jakarta_validation_and_itself =
            classes().that().resideInAPackage(DOMAIN)
                    .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta.validation..", DOMAIN);

    static final ArchRule the_matching_engine_depends_only_on_the_jdk_the_config_model_and_its_inbound_ports =
            classes().that().resideInAPackage(ENGINE)
                    .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ENGINE,
                            "org.eventdedup.config.domain.model..", "org.eventdedup.config.domain.port.in..");

    static final ArchRule the_workers_core_depends_only_on_the_jdk_jackson_logging_the_engine_the_config_domain_and_itself =
            classes().that().resideInAnyPackage(WORKER_CORE)
                    .should().onlyDependOnClassesThat().resideInAnyPackage(concat(WORKER_CORE, "java..",
                            "com.fasterxml.jackson..", "org.slf4j..", ENGINE, DOMAIN));

    static final ArchRule no_core_package_uses_jdbi_javalin_the_http_client_or_the_file_watch_service =
            noClasses().that().resideInAnyPackage(concat(WORKER_CORE, DOMAIN, ENGINE))
                    .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "io.javalin..",
                            "java.net.http..")
                    .orShould().dependOnClassesThat().areAssignableTo(java.nio.file.WatchService.class);

    static final ArchRule the_workers_core_does_not_depend_on_its_adapters =
            noClasses().that().resideInAnyPackage(WORKER_CORE)
                    .should().dependOnClassesThat().resideInAPackage("org.eventdedup.worker.adapter..");

    static final ArchRule adapters_never_depend_on_each_other =
            slices().matching("org.eventdedup.(*).adapter.(*)..").namingSlices("$1 adapter $2")
                    .should().notDependOnEachOther();

    static final ArchRule only_the_app_depends_on_adapters =
            noClasses().that().resideInAPackage(ROOT + "..")
                    .and().resideOutsideOfPackages(concat(ADAPTERS, APP))
                    .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS);

    static final ArchRule nothing_depends_on_the_composition_root =
            noClasses().that().resideInAPackage(ROOT + "..").and().resideOutsideOfPackage(APP)
                    .should().dependOnClassesThat().resideInAPackage(APP);

    static final ArchRule only_the_app_the_benchmarks_and_the_offline_runs_depend_on_the_worker =
            noClasses().that().resideInAPackage(ROOT + "..")
                    .and().resideOutsideOfPackages(APP, WORKER, BENCHMARKS, OFFLINE)
                    .should().dependOnClassesThat().resideInAPackage(WORKER);

    static final ArchRule the_benchmarks_and_the_offline_runs_use_the_workers_core_never_its_adapters =
            noClasses().that().resideInAnyPackage(BENCHMARKS, OFFLINE)
                    .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                    .orShould().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "io.javalin..");

    static final ArchRule the_dataset_generator_depends_only_on_the_jdk_jackson_and_itself =
            classes().that().resideInAPackage(GENERATOR)
                    .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
                            GENERATOR);

    static final ArchRule within_the_worker_only_the_persistence_adapter_uses_jdbi =
            noClasses().that().resideInAPackage(WORKER).and()
                    .resideOutsideOfPackage("org.eventdedup.worker.adapter.persistence..")
                    .should().dependOnClassesThat().resideInAPackage("org.jdbi..");

    static final ArchRule within_the_worker_only_the_http_adapter_uses_javalin =
            noClasses().that().resideInAPackage(WORKER).and()
                    .resideOutsideOfPackage("org.eventdedup.worker.adapter.http..")
                    .should().dependOnClassesThat().resideInAPackage("io.javalin..");

    static final ArchRule the_shared_http_support_depends_only_on_the_jdk_jackson_and_itself =
            classes().that().resideInAPackage("org.eventdedup.http..")
                    .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
                            "org.eventdedup.http..");

    static final ArchRule packages_of_event_dedup_are_free_of_cycles =
            slices().matching("org.eventdedup.(**)").namingSlices("package $1")
                    .should().beFreeOfCycles();

    /** Every rule by its sentence. */
    static final Map<String, ArchRule> RULES = Map.ofEntries(
            Map.entry("the config domain depends only on the JDK, jakarta.validation and itself",
                    the_config_domain_depends_only_on_the_jdk_jakarta_validation_and_itself),
            Map.entry("the matching engine depends only on the JDK, the config model and its inbound ports",
                    the_matching_engine_depends_only_on_the_jdk_the_config_model_and_its_inbound_ports),
            Map.entry("the worker's core depends only on the JDK, Jackson, logging, the engine, the config domain"
                            + " and itself",
                    the_workers_core_depends_only_on_the_jdk_jackson_logging_the_engine_the_config_domain_and_itself),
            Map.entry("no core package uses JDBI, Javalin, the HTTP client or the file watch service",
                    no_core_package_uses_jdbi_javalin_the_http_client_or_the_file_watch_service),
            Map.entry("the worker's core does not depend on its adapters",
                    the_workers_core_does_not_depend_on_its_adapters),
            Map.entry("adapters never depend on each other", adapters_never_depend_on_each_other),
            Map.entry("only the app depends on adapters", only_the_app_depends_on_adapters),
            Map.entry("nothing depends on the composition root", nothing_depends_on_the_composition_root),
            Map.entry("only the app, the benchmarks and the offline runs depend on the worker",
                    only_the_app_the_benchmarks_and_the_offline_runs_depend_on_the_worker),
            Map.entry("the benchmarks and the offline runs use the worker's core, never its adapters",
                    the_benchmarks_and_the_offline_runs_use_the_workers_core_never_its_adapters),
            Map.entry("the dataset generator depends only on the JDK, Jackson and itself",
                    the_dataset_generator_depends_only_on_the_jdk_jackson_and_itself),
            Map.entry("within the worker only the persistence adapter uses JDBI",
                    within_the_worker_only_the_persistence_adapter_uses_jdbi),
            Map.entry("within the worker only the HTTP adapter uses Javalin",
                    within_the_worker_only_the_http_adapter_uses_javalin),
            Map.entry("the shared HTTP support depends only on the JDK, Jackson and itself",
                    the_shared_http_support_depends_only_on_the_jdk_jackson_and_itself),
            Map.entry("packages of Event Dedup are free of cycles", packages_of_event_dedup_are_free_of_cycles));

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    static Set<String> sentences() {
        return RULES.keySet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sentences")
    void holds(String sentence) {
        RULES.get(sentence).check(classes);
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
                "org.eventdedup.matching.tuning",
                "org.eventdedup.worker.run",
                "org.eventdedup.worker.ingest",
                "org.eventdedup.worker.input",
                "org.eventdedup.worker.preview",
                "org.eventdedup.worker.query",
                "org.eventdedup.worker.tuning",
                "org.eventdedup.worker.labels",
                "org.eventdedup.worker.port",
                "org.eventdedup.worker.adapter.persistence",
                "org.eventdedup.worker.adapter.http",
                "org.eventdedup.worker.adapter.gemini",
                "org.eventdedup.worker.adapter.files",
                "org.eventdedup.http",
                "org.eventdedup.generator",
                "org.eventdedup.benchmarks",
                "org.eventdedup.offline",
                "org.eventdedup.app");
        assertThat(packages).as("test classes must not be imported")
                .noneMatch(p -> p.startsWith("org.eventdedup.testing") || p.endsWith(".testing")
                        || p.startsWith("org.eventdedup.architecture"));
    }

    @Test
    void every_worker_package_is_either_core_or_an_adapter() {
        Set<String> workerPackages = classes.stream().map(JavaClass::getPackageName)
                .filter(p -> p.startsWith("org.eventdedup.worker")).collect(Collectors.toSet());
        assertThat(workerPackages).allSatisfy(p -> assertThat(p).matches(
                "org\\.eventdedup\\.worker\\.(run|ingest|input|preview|tuning|labels|query|port|adapter\\.[a-z]+)(\\..*)?"));
    }

    @Test
    void a_rule_over_a_package_without_classes_fails_instead_of_passing() {
        ArchRule misspelt = noClasses().that().resideInAPackage("org.eventdedup.config.domian..")
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS);
        assertThatThrownBy(() -> misspelt.check(classes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }

    static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
