package org.eventdedup.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The worker side of a benchmark in a JVM of its own with a capped heap, pointed at a scratch database: this
 * launcher's command again, on this JVM's class path. {@code BENCH_WORKER_JVM_OPTIONS} adds options to it (e.g. a
 * flight recording: {@code -XX:StartFlightRecording=filename=/tmp/w.jfr,settings=profile}).
 */
final class ChildJvm {

    static final long HEAP_LIMIT_MIB = 512;

    private ChildJvm() {
    }

    /**
     * The scratch server a worker benchmark needs and its config file, or the exit code (2) after saying why not.
     *
     * @param command names the command in messages
     */
    static Optional<BenchmarkHost.ScratchServer> scratchServer(BenchmarkHost host, String command, Path config,
                                                               PrintStream err) {
        try {
            BenchmarkHost.ScratchServer server = host.scratchServer(command);
            if (!Files.isRegularFile(config)) {
                err.println("event-dedup: " + command + ": no config file " + config
                        + " (run from the project root or pass --config)");
                return Optional.empty();
            }
            return Optional.of(server);
        } catch (BenchmarkHost.UnavailableException e) {
            err.println("event-dedup: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Runs {@code command args} in the child and returns the JSON of the last line it prints. */
    static JsonNode run(String mainClass, BenchmarkHost.ScratchDatabase scratch, String command, List<String> args)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(java(), "-Xmx" + HEAP_LIMIT_MIB + "m", "-XX:+UseG1GC",
                "-XX:+ExitOnOutOfMemoryError"));
        String extra = System.getenv("BENCH_WORKER_JVM_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            line.addAll(List.of(extra.strip().split("\\s+")));
        }
        line.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass, command));
        line.addAll(args);
        Path output = Files.createTempFile(command, ".json");
        try {
            ProcessBuilder builder = new ProcessBuilder(line).redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            scratch.pointChildAt(builder.environment());
            Process child = builder.start();
            if (!child.waitFor(2, TimeUnit.HOURS)) {
                child.destroyForcibly();
                throw new IllegalStateException("the child JVM did not finish within 2 hours");
            }
            String stdout = Files.readString(output, StandardCharsets.UTF_8).strip();
            if (child.exitValue() != 0 || stdout.isEmpty()) {
                throw new IllegalStateException("the child JVM failed with exit " + child.exitValue()
                        + " (an exit 3 is an OutOfMemoryError in " + HEAP_LIMIT_MIB + " MiB)");
            }
            return new ObjectMapper().readTree(stdout.substring(stdout.lastIndexOf('\n') + 1));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Adds the machine's facts to a report: CPUs, Java, load average before and now. */
    static void describeMachine(ObjectNode report, double loadBefore) {
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        report.put("load_before", loadBefore);
        report.put("load_after", loadAverage());
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
