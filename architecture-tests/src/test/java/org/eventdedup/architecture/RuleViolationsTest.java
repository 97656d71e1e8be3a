package org.eventdedup.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventdedup.benchmarks.violation.BenchmarkUsingJdbi;
import org.eventdedup.config.adapter.http.violation.ConfigAdapterUsingTheWorker;
import org.eventdedup.generator.violation.GeneratorUsingTheEngine;
import org.eventdedup.config.domain.violation.DomainUsingJackson;
import org.eventdedup.http.violation.HttpSupportUsingJavalin;
import org.eventdedup.matching.violation.EngineUsingAnAdapter;
import org.eventdedup.violation.a.CycleA;
import org.eventdedup.violation.b.CycleB;
import org.eventdedup.worker.adapter.gemini.GeminiSettings;
import org.eventdedup.worker.adapter.gemini.violation.GeminiUsingJavalin;
import org.eventdedup.worker.adapter.http.violation.HttpAdapterUsingGemini;
import org.eventdedup.worker.ingest.violation.CoreWatchingFiles;
import org.eventdedup.worker.preview.violation.CoreUsingAnAdapter;
import org.eventdedup.worker.run.violation.CoreUsingJdbi;
import org.eventdedup.worker.run.violation.CoreUsingTheApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every architecture rule can fail: each one is checked against test classes (in the packages the rule governs)
 * that break it, and must report them. A rule that passed these too would check nothing.
 */
class RuleViolationsTest {

    private static final Map<String, List<Class<?>>> BREAKERS = Map.ofEntries(
            Map.entry("the config domain depends only on the JDK, jakarta.validation and itself",
                    List.of(DomainUsingJackson.class)),
            Map.entry("the matching engine depends only on the JDK, the config model and its inbound ports",
                    List.of(EngineUsingAnAdapter.class)),
            Map.entry("the worker's core depends only on the JDK, Jackson, logging, the engine, the config domain"
                    + " and itself", List.of(CoreUsingJdbi.class)),
            Map.entry("no core package uses JDBI, Javalin, the HTTP client or the file watch service",
                    List.of(CoreWatchingFiles.class)),
            Map.entry("the worker's core does not depend on its adapters", List.of(CoreUsingAnAdapter.class)),
            Map.entry("adapters never depend on each other",
                    List.of(HttpAdapterUsingGemini.class, GeminiSettings.class)),
            Map.entry("only the app depends on adapters", List.of(EngineUsingAnAdapter.class)),
            Map.entry("nothing depends on the composition root", List.of(CoreUsingTheApp.class)),
            Map.entry("only the app, the benchmarks and the offline runs depend on the worker",
                    List.of(ConfigAdapterUsingTheWorker.class)),
            Map.entry("the benchmarks and the offline runs use the worker's core, never its adapters",
                    List.of(BenchmarkUsingJdbi.class)),
            Map.entry("the dataset generator depends only on the JDK, Jackson and itself",
                    List.of(GeneratorUsingTheEngine.class)),
            Map.entry("within the worker only the persistence adapter uses JDBI", List.of(CoreUsingJdbi.class)),
            Map.entry("within the worker only the HTTP adapter uses Javalin", List.of(GeminiUsingJavalin.class)),
            Map.entry("the shared HTTP support depends only on the JDK, Jackson and itself",
                    List.of(HttpSupportUsingJavalin.class)),
            Map.entry("packages of Event Dedup are free of cycles", List.of(CycleA.class, CycleB.class)));

    static Set<String> sentences() {
        return ArchitectureTest.RULES.keySet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sentences")
    void fails_on_a_class_that_breaks_it(String sentence) {
        List<Class<?>> breakers = BREAKERS.get(sentence);
        assertThat(breakers).as("a class that breaks \"%s\"", sentence).isNotNull();
        JavaClasses imported = new ClassFileImporter().importClasses(breakers);
        assertThatThrownBy(() -> ArchitectureTest.RULES.get(sentence).check(imported))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(breakers.get(0).getSimpleName())
                .hasMessageNotContaining("failed to check any classes");
    }
}
