package org.eventdedup.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eventdedup.matching.pipeline.StageTimings;

/** The figures of one {@code bench-engine} run, as a table or as JSON. Null sections were not measured. */
record EngineBenchReport(int listings, int rounds, int cpus, String jvm, double loadBefore, double loadAfter,
                         Scoring scoring, Scaling scaling, EndToEnd endToEnd) {

    /** Scoring stage times per round, 1 thread and 2 threads. */
    record Scoring(int listings, long pairs, double[] oneThread, double[] twoThreads, double prepareOne,
                   double prepareTwo) {
        double ratio() {
            return EngineBenchmark.median(oneThread) / EngineBenchmark.median(twoThreads);
        }

        double pairsPerSecond(double[] seconds) {
            return pairs / EngineBenchmark.median(seconds);
        }

        boolean met() {
            return ratio() >= EngineBenchmark.SCORING_TARGET;
        }
    }

    /** Whole-pipeline times per round at N and 2N listings. */
    record Scaling(int small, int large, long pairsSmall, long pairsLarge, double[] smallSeconds,
                   double[] largeSeconds, StageTimings lastSmall, StageTimings lastLarge) {
        double ratio() {
            return EngineBenchmark.median(largeSeconds) / EngineBenchmark.median(smallSeconds);
        }

        boolean met() {
            return ratio() <= EngineBenchmark.SCALING_TARGET;
        }
    }

    /** The child JVM's run: parse and match time, peak heap against the 1 GiB limit. */
    record EndToEnd(boolean completed, String failure, int listings, int files, int threads, double parseSeconds,
                    double matchSeconds, double totalSeconds, long pairs, int canonicals, double peakHeapMiB,
                    double maxHeapMiB) {
        static EndToEnd failed(int listings, String reason) {
            return new EndToEnd(false, reason, listings, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        static EndToEnd fromJson(JsonNode n) {
            return new EndToEnd(n.get("completed").asBoolean(), null, n.get("listings").asInt(), n.get("files").asInt(),
                    n.get("threads").asInt(), n.get("parse_s").asDouble(), n.get("match_s").asDouble(),
                    n.get("total_s").asDouble(), n.get("pairs").asLong(), n.get("canonicals").asInt(),
                    n.get("peak_heap_mib").asDouble(), n.get("max_heap_mib").asDouble());
        }

        String toJson() {
            return String.format(Locale.ROOT, "{\"completed\":%s,\"listings\":%d,\"files\":%d,\"threads\":%d,"
                            + "\"parse_s\":%.3f,\"match_s\":%.3f,\"total_s\":%.3f,\"pairs\":%d,\"canonicals\":%d,"
                            + "\"peak_heap_mib\":%.1f,\"max_heap_mib\":%.1f%s}", completed, listings, files, threads,
                    parseSeconds, matchSeconds, totalSeconds, pairs, canonicals, peakHeapMiB, maxHeapMiB,
                    failure == null ? "" : ",\"failure\":\"" + failure.replace("\\", "\\\\").replace("\"", "\\\"")
                            + "\"");
        }
    }

    String toTable() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "bench-engine: %s, %d CPUs, load average %.2f -> %.2f, median of %d"
                + " rounds%n", jvm, cpus, loadBefore, loadAfter, rounds));
        if (scoring != null) {
            b.append(String.format(Locale.ROOT, "(a) scoring, %,d listings, %,d candidate pairs%n", scoring.listings(),
                    scoring.pairs()));
            b.append(String.format(Locale.ROOT, "    1 thread  %s s -> %.3f s, %,.0f pairs/s%n",
                    list(scoring.oneThread()), EngineBenchmark.median(scoring.oneThread()),
                    scoring.pairsPerSecond(scoring.oneThread())));
            b.append(String.format(Locale.ROOT, "    2 threads %s s -> %.3f s, %,.0f pairs/s%n",
                    list(scoring.twoThreads()), EngineBenchmark.median(scoring.twoThreads()),
                    scoring.pairsPerSecond(scoring.twoThreads())));
            b.append(String.format(Locale.ROOT, "    speed-up 2 : 1 threads = %.2fx (target >= %.1f: %s);"
                            + " preparation %.3f s / %.3f s%n", scoring.ratio(), EngineBenchmark.SCORING_TARGET,
                    met(scoring.met()), scoring.prepareOne(), scoring.prepareTwo()));
        }
        if (scaling != null) {
            b.append(String.format(Locale.ROOT, "(b) scaling, whole pipeline on 2 threads, same block density%n"));
            b.append(String.format(Locale.ROOT, "    %,9d listings, %,11d pairs: %s s -> %.3f s, %,.0f listings/s%n",
                    scaling.small(), scaling.pairsSmall(), list(scaling.smallSeconds()),
                    EngineBenchmark.median(scaling.smallSeconds()),
                    scaling.small() / EngineBenchmark.median(scaling.smallSeconds())));
            b.append(String.format(Locale.ROOT, "    %,9d listings, %,11d pairs: %s s -> %.3f s, %,.0f listings/s%n",
                    scaling.large(), scaling.pairsLarge(), list(scaling.largeSeconds()),
                    EngineBenchmark.median(scaling.largeSeconds()),
                    scaling.large() / EngineBenchmark.median(scaling.largeSeconds())));
            b.append(String.format(Locale.ROOT, "    time %,d : %,d = %.2fx (target <= %.1f: %s); pairs ratio %.2f%n",
                    scaling.large(), scaling.small(), scaling.ratio(), EngineBenchmark.SCALING_TARGET,
                    met(scaling.met()), (double) scaling.pairsLarge() / scaling.pairsSmall()));
            b.append("    last round stages (s), small / large: ").append(stages(scaling.lastSmall())).append(" / ")
                    .append(stages(scaling.lastLarge())).append('\n');
        }
        if (endToEnd != null) {
            if (endToEnd.completed()) {
                b.append(String.format(Locale.ROOT, "(c) end to end in a -Xmx1g child JVM: %,d listings in %d files,"
                                + " parse %.2f s + match %.2f s = %.2f s (%,.0f listings/s, %d threads), %,d pairs,"
                                + " %,d canonicals, peak heap %.0f of %.0f MiB: met%n", endToEnd.listings(),
                        endToEnd.files(), endToEnd.parseSeconds(), endToEnd.matchSeconds(), endToEnd.totalSeconds(),
                        endToEnd.listings() / endToEnd.totalSeconds(), endToEnd.threads(), endToEnd.pairs(),
                        endToEnd.canonicals(), endToEnd.peakHeapMiB(), endToEnd.maxHeapMiB()));
            } else {
                b.append(String.format(Locale.ROOT, "(c) end to end in a -Xmx1g child JVM, %,d listings: MISSED (%s)%n",
                        endToEnd.listings(), endToEnd.failure()));
            }
        }
        return b.toString();
    }

    String toJson() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "{\"listings\":%d,\"rounds\":%d,\"cpus\":%d,\"jvm\":\"%s\","
                + "\"load_before\":%.2f,\"load_after\":%.2f", listings, rounds, cpus, jvm, loadBefore, loadAfter));
        if (scoring != null) {
            b.append(String.format(Locale.ROOT, ",\"scoring\":{\"listings\":%d,\"pairs\":%d,\"one_thread_s\":%s,"
                            + "\"two_threads_s\":%s,\"speedup\":%.3f,\"target\":%.1f,\"met\":%s,"
                            + "\"pairs_per_second_1\":%.0f,\"pairs_per_second_2\":%.0f}", scoring.listings(),
                    scoring.pairs(), list(scoring.oneThread()), list(scoring.twoThreads()), scoring.ratio(),
                    EngineBenchmark.SCORING_TARGET, scoring.met(), scoring.pairsPerSecond(scoring.oneThread()),
                    scoring.pairsPerSecond(scoring.twoThreads())));
        }
        if (scaling != null) {
            b.append(String.format(Locale.ROOT, ",\"scaling\":{\"small\":%d,\"large\":%d,\"pairs_small\":%d,"
                            + "\"pairs_large\":%d,\"small_s\":%s,\"large_s\":%s,\"ratio\":%.3f,\"target\":%.1f,"
                            + "\"met\":%s,\"listings_per_second_small\":%.0f,\"listings_per_second_large\":%.0f}",
                    scaling.small(), scaling.large(), scaling.pairsSmall(), scaling.pairsLarge(),
                    list(scaling.smallSeconds()), list(scaling.largeSeconds()), scaling.ratio(),
                    EngineBenchmark.SCALING_TARGET, scaling.met(),
                    scaling.small() / EngineBenchmark.median(scaling.smallSeconds()),
                    scaling.large() / EngineBenchmark.median(scaling.largeSeconds())));
        }
        if (endToEnd != null) {
            b.append(",\"end_to_end\":").append(endToEnd.toJson());
        }
        return b.append("}\n").toString();
    }

    private static String list(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String stages(StageTimings t) {
        return String.format(Locale.ROOT, "prepare %.2f, blocking %.2f, scoring %.2f, clustering %.2f, canonical"
                        + " %.2f", t.prepare().toNanos() / 1e9, t.blocking().toNanos() / 1e9,
                t.scoring().toNanos() / 1e9, t.clustering().toNanos() / 1e9, t.canonical().toNanos() / 1e9);
    }

    private static String met(boolean met) {
        return met ? "met" : "MISSED";
    }
}
