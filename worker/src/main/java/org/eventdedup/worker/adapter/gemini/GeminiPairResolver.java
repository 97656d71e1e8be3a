package org.eventdedup.worker.adapter.gemini;

import org.eventdedup.worker.port.CachedAnswer;
import org.eventdedup.worker.port.GeminiAnswerCache;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import org.eventdedup.config.domain.model.AiConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.matching.port.AiCandidate;
import org.eventdedup.matching.port.AiResolution;
import org.eventdedup.matching.port.AiUsage;
import org.eventdedup.matching.port.AiVerdict;
import org.eventdedup.matching.port.AmbiguousPairResolver;
import org.eventdedup.worker.adapter.gemini.GeminiProtocol.Answer;
import org.eventdedup.worker.adapter.gemini.GeminiProtocol.ProviderError;
import org.eventdedup.worker.adapter.gemini.GeminiProtocol.Reply;
import org.eventdedup.worker.adapter.gemini.GeminiProtocol.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AI tier's resolver on Gemini {@code generateContent} over REST (external-apis Part 1; matching-spec B §7 with
 * Part A 8–10), using {@code java.net.http} only.
 *
 * <p>Per call of {@link #resolveWithUsage}: each pair is looked up in the answer cache by content hash and model
 * (when {@code ai.cache_enabled}), else sent to Gemini with the key in the {@code x-goog-api-key} header. At most
 * {@code ai.max_concurrent_requests} pairs are worked on at once (cache work included, B §7.2). 408/429/5xx and
 * network errors are retried with backoff; every other failure leaves that pair out of the verdicts with a warning
 * naming the pair and the provider's status and message. Errors that would fail every pair alike (a rejected key,
 * an unknown model, a daily quota) stop further calls in the same run. Nothing here throws for a failed pair, and
 * the key never appears in a warning, an exception message or a log line.
 */
public final class GeminiPairResolver implements AmbiguousPairResolver {

    private static final Logger LOG = LoggerFactory.getLogger(GeminiPairResolver.class);
    static final String API_KEY_HEADER = "x-goog-api-key";
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String REDACTED = "[redacted]";

    /** How a retry waits; tests replace it to run without real sleeps. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final GeminiSettings settings;
    private final GeminiAnswerCache cache;
    private final HttpClient http;
    private final GeminiProtocol protocol = new GeminiProtocol();
    private final RetryTiming timing;
    private final Sleeper sleeper;
    private final AtomicInteger threadNumber;
    /** The breaker of a resolver made for one run; null for the shared one, which makes one per call. */
    private final ConnectionBreaker runBreaker;

    /**
     * @param baseUrl the value of {@code EVENT_DEDUP_GEMINI_BASE_URL}; null or blank means Google's endpoint
     * @param cache   where raw answers are kept between runs
     */
    public GeminiPairResolver(String baseUrl, GeminiAnswerCache cache) {
        this(GeminiSettings.forBaseUrl(baseUrl), cache);
    }

    public GeminiPairResolver(GeminiSettings settings, GeminiAnswerCache cache) {
        this(settings, cache, d -> Thread.sleep(d.toMillis()), () -> ThreadLocalRandom.current().nextDouble(),
                Clock.systemUTC());
    }

    GeminiPairResolver(GeminiSettings settings, GeminiAnswerCache cache, Sleeper sleeper, DoubleSupplier random,
                       Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.timing = new RetryTiming(settings.initialBackoff(), settings.maxBackoff(), random, clock);
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version("https".equalsIgnoreCase(settings.baseUrl().getScheme())
                        ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.threadNumber = new AtomicInteger();
        this.runBreaker = null;
    }

    /** The same client, cache and timing with a breaker that lasts one run. */
    private GeminiPairResolver(GeminiPairResolver shared, ConnectionBreaker runBreaker) {
        this.settings = shared.settings;
        this.cache = shared.cache;
        this.sleeper = shared.sleeper;
        this.timing = shared.timing;
        this.http = shared.http;
        this.threadNumber = shared.threadNumber;
        this.runBreaker = runBreaker;
    }

    /** A resolver whose circuit breaker spans one pipeline run's calls. */
    @Override
    public AmbiguousPairResolver forOneRun() {
        return new GeminiPairResolver(this, new ConnectionBreaker());
    }

    @Override
    public List<String> runWarnings() {
        String summary = runBreaker == null ? null : runBreaker.summary();
        return summary == null ? List.of() : List.of(summary);
    }

    @Override
    public List<AiVerdict> resolve(List<AiCandidate> candidates, AiConfig config, SecretString apiKey) {
        return resolveWithUsage(candidates, config, apiKey).verdicts();
    }

    @Override
    public AiResolution resolveWithUsage(List<AiCandidate> candidates, AiConfig config, SecretString apiKey) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(config, "config");
        if (candidates.isEmpty()) {
            return AiResolution.of(List.of());
        }
        Run run = new Run(config, apiKey, runBreaker != null ? runBreaker : new ConnectionBreaker());
        String unusable = run.unusableReason();
        List<PairResult> results = unusable != null
                ? failAll(candidates, unusable)
                : runAll(candidates, run);

        List<AiVerdict> verdicts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int cached = 0;
        int apiCalls = 0;
        long prompt = 0;
        long output = 0;
        long thoughts = 0;
        for (PairResult result : results) {
            if (result.verdict() != null) {
                verdicts.add(result.verdict());
            } else if (result.gaveUpConnecting() && run.breaker.isOpen()) {
                run.breaker.pairLeftAmbiguous(); // the breaker opened after all: its summary counts this pair
            } else if (result.warning() != null) {
                warnings.add(result.warning());
            }
            cached += result.verdict() != null && result.verdict().cached() ? 1 : 0;
            apiCalls += result.apiCalls();
            prompt += result.tokens().prompt();
            output += result.tokens().output();
            thoughts += result.tokens().thoughts();
        }
        String cacheProblem = run.cacheProblem.get();
        if (cacheProblem != null) {
            warnings.add(cacheProblem);
        }
        if (runBreaker == null && run.breaker.summary() != null) {
            warnings.add(run.breaker.summary()); // a run-scoped resolver reports it once, in runWarnings()
        }
        AiUsage usage = AiUsage.priced(candidates.size(), cached, apiCalls, candidates.size() - verdicts.size(),
                prompt, output, thoughts, config.costPer1mInputTokens(), config.costPer1mOutputTokens());
        for (String warning : warnings) {
            LOG.warn(warning);
        }
        LOG.info("Gemini ({}): {} pairs, {} from cache, {} API calls, {} failed; tokens prompt {}, output {}, "
                        + "thoughts {}; estimated cost ${}", run.redact(config.model()), usage.requests(),
                usage.cachedRequests(), usage.apiCalls(), usage.failedRequests(), usage.promptTokens(),
                usage.outputTokens(), usage.thoughtTokens(), String.format(Locale.ROOT, "%.6f", usage.costUsd()));
        return new AiResolution(verdicts, usage, warnings);
    }

    @Override
    public String toString() {
        return "GeminiPairResolver[" + settings.baseUrl() + "]";
    }

    // ------------------------------------------------------------------------------------------------------------

    /**
     * The outcome for one pair: a verdict (with the model's reasoning, for the cache), or a warning; plus the calls
     * and tokens it took.
     */
    private record PairResult(AiVerdict verdict, String reasoning, String warning, int apiCalls, Tokens tokens,
                              boolean gaveUpConnecting) {
        PairResult(AiVerdict verdict, String reasoning, String warning, int apiCalls, Tokens tokens) {
            this(verdict, reasoning, warning, apiCalls, tokens, false);
        }

        static PairResult failed(AiCandidate c, String reason, int apiCalls, Tokens tokens) {
            return new PairResult(null, null, "AI pair (" + c.decision().a() + ", " + c.decision().b()
                    + ") failed: " + reason, apiCalls, tokens);
        }

        /**
         * Out of retries, the last attempt unable to connect. The pairs run concurrently, so one can use up its
         * retries before the others' failures open the breaker: if it opens in the same call, the pair is counted
         * in the breaker's summary instead of a line of its own.
         */
        static PairResult gaveUpConnecting(AiCandidate c, String reason, int apiCalls) {
            PairResult failed = failed(c, reason, apiCalls, Tokens.ZERO);
            return new PairResult(null, null, failed.warning(), apiCalls, Tokens.ZERO, true);
        }

        /** Given up because the provider cannot be reached: counted in the breaker's one summary, no line of its own. */
        static PairResult unreachable(Run run, int apiCalls) {
            run.breaker.pairLeftAmbiguous();
            return new PairResult(null, null, null, apiCalls, Tokens.ZERO);
        }
    }

    /** What one resolve() call shares between its pairs. */
    private final class Run {
        final AiConfig config;
        final String model;
        final String key;
        /** Set when an error will fail every further pair alike; later pairs are then not sent. */
        final AtomicReference<String> stopReason = new AtomicReference<>();
        final AtomicReference<String> cacheProblem = new AtomicReference<>();
        final ConnectionBreaker breaker;

        Run(AiConfig config, SecretString apiKey, ConnectionBreaker breaker) {
            this.config = config;
            this.breaker = breaker;
            String name = config.model() == null ? "" : config.model().strip();
            this.model = name.startsWith("models/") ? name.substring("models/".length()) : name;
            this.key = apiKey == null ? null : apiKey.reveal().strip();
        }

        String unusableReason() {
            if (key == null || key.isEmpty()) {
                return "no Gemini API key is configured";
            }
            if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                return "the Gemini API key contains characters that cannot be sent in an HTTP header";
            }
            if (!MODEL_ID.matcher(model).matches()) {
                return "ai.model '" + redact(model) + "' is not a Gemini model id";
            }
            return null;
        }

        /** Removes the key from text that came from elsewhere (provider messages, exception texts). */
        String redact(String text) {
            if (text == null || key == null || key.isEmpty()) {
                return text;
            }
            return text.replace(key, REDACTED);
        }

        void cacheFailed(String what, RuntimeException e) {
            String problem = "AI answer cache " + what + " failed, carrying on without it: " + redact(
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            if (cacheProblem.compareAndSet(null, problem)) {
                LOG.debug("answer cache failure", e);
            }
        }
    }

    private List<PairResult> failAll(List<AiCandidate> candidates, String reason) {
        List<PairResult> results = new ArrayList<>(candidates.size());
        for (AiCandidate candidate : candidates) {
            results.add(PairResult.failed(candidate, reason, 0, Tokens.ZERO));
        }
        return results;
    }

    private List<PairResult> runAll(List<AiCandidate> candidates, Run run) {
        int threads = Math.max(1, Math.min(run.config.maxConcurrentRequests(), candidates.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        List<Future<PairResult>> futures = new ArrayList<>(candidates.size());
        try {
            for (AiCandidate candidate : candidates) {
                futures.add(pool.submit(() -> resolveOne(candidate, run)));
            }
            List<PairResult> results = new ArrayList<>(candidates.size());
            boolean interrupted = false;
            for (int i = 0; i < futures.size(); i++) {
                AiCandidate candidate = candidates.get(i);
                if (interrupted) {
                    futures.get(i).cancel(true);
                    results.add(PairResult.failed(candidate, "interrupted before an answer arrived", 0,
                            Tokens.ZERO));
                    continue;
                }
                try {
                    results.add(futures.get(i).get());
                } catch (InterruptedException e) {
                    interrupted = true;
                    pool.shutdownNow();
                    results.add(PairResult.failed(candidate, "interrupted before an answer arrived", 0,
                            Tokens.ZERO));
                } catch (ExecutionException e) {
                    results.add(PairResult.failed(candidate, "unexpected error: " + run.redact(
                            String.valueOf(e.getCause())), 0, Tokens.ZERO));
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private ThreadFactory daemonThreads() {
        return task -> {
            Thread thread = new Thread(task, "gemini-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Cache, then Gemini; never throws. */
    private PairResult resolveOne(AiCandidate candidate, Run run) {
        try {
            String pairHash = null;
            if (run.config.cacheEnabled()) {
                pairHash = PairHash.of(candidate.a(), candidate.b());
                Optional<CachedAnswer> hit = Optional.empty();
                try {
                    hit = cache.get(pairHash, run.model);
                } catch (RuntimeException e) {
                    run.cacheFailed("lookup", e);
                }
                if (hit.isPresent()) {
                    CachedAnswer answer = hit.get();
                    return new PairResult(new AiVerdict(candidate.decision().a(), candidate.decision().b(),
                            answer.decision(), answer.confidence(), true), answer.reasoning(), null, 0,
                            Tokens.ZERO);
                }
            }
            PairResult result = callGemini(candidate, run);
            if (pairHash != null && result.verdict() != null && isStorable(result.verdict().decision())) {
                try {
                    cache.put(new CachedAnswer(pairHash, run.model, candidate.decision().a(),
                            candidate.decision().b(), result.verdict().decision(), result.verdict().confidence(),
                            result.reasoning()));
                } catch (RuntimeException e) {
                    run.cacheFailed("write", e);
                }
            }
            return result;
        } catch (RuntimeException e) {
            return PairResult.failed(candidate, "unexpected error: " + run.redact(String.valueOf(e)), 0,
                    Tokens.ZERO);
        }
    }

    /** Only the two schema values go into the cache (its table checks them); anything else is asked again. */
    private static boolean isStorable(String decision) {
        return GeminiProtocol.SAME.equals(decision) || GeminiProtocol.DIFFERENT.equals(decision);
    }

    private PairResult callGemini(AiCandidate candidate, Run run) {
        String stop = run.stopReason.get();
        if (stop != null) {
            return PairResult.failed(candidate, "not sent, an earlier call failed with " + stop, 0, Tokens.ZERO);
        }
        if (run.breaker.isOpen()) {
            return PairResult.unreachable(run, 0);
        }
        HttpRequest request = HttpRequest.newBuilder(settings.generateContentUri(run.model))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(API_KEY_HEADER, run.key)
                .POST(HttpRequest.BodyPublishers.ofString(protocol.requestBody(candidate, run.config),
                        StandardCharsets.UTF_8))
                .build();
        int attempts = 0;
        String lastProblem = null;
        boolean lastCouldNotConnect = false;
        for (int retry = 0; ; retry++) {
            if (retry > 0) {
                stop = run.stopReason.get();
                if (stop != null) {
                    return PairResult.failed(candidate, lastProblem + "; not retried, an earlier call failed with "
                            + stop, attempts, Tokens.ZERO);
                }
            }
            if (run.breaker.isOpen()) {
                return PairResult.unreachable(run, attempts);
            }
            attempts++;
            Duration hint = null;
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request,
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                run.breaker.answered();
                lastCouldNotConnect = false;
                LOG.debug("Gemini call for ({}, {}) attempt {}: HTTP {} in {} ms", candidate.decision().a(),
                        candidate.decision().b(), attempts, status, (System.nanoTime() - started) / 1_000_000);
                if (status == 200) {
                    // only a 200 carries usageMetadata; its tokens are billed even when the answer is unusable
                    Reply reply = protocol.readReply(response.body());
                    if (!reply.ok()) {
                        return PairResult.failed(candidate, run.redact(reply.problem()), attempts, reply.tokens());
                    }
                    Answer answer = reply.answer();
                    return new PairResult(new AiVerdict(candidate.decision().a(), candidate.decision().b(),
                            answer.decision(), answer.confidence(), false), answer.reasoning(), null, attempts,
                            reply.tokens());
                }
                ProviderError error = protocol.readError(status, response.body());
                lastProblem = run.redact(error.describe());
                if (failsEveryPair(error)) {
                    run.stopReason.compareAndSet(null, lastProblem);
                    return PairResult.failed(candidate, lastProblem, attempts, Tokens.ZERO);
                }
                if (!RetryTiming.retryableStatus(status)) {
                    return PairResult.failed(candidate, lastProblem, attempts, Tokens.ZERO);
                }
                hint = error.retryDelay();
                Duration retryAfter = timing.parseRetryAfter(response.headers().firstValue("Retry-After")
                        .orElse(null));
                if (retryAfter != null && (hint == null || retryAfter.compareTo(hint) > 0)) {
                    hint = retryAfter;
                }
            } catch (IOException e) {
                lastProblem = run.redact(NetworkProblems.describe(e, settings.baseUrl(), settings.connectTimeout(),
                        settings.requestTimeout()));
                if (run.breaker.connectionFailed(lastProblem)) {
                    return PairResult.unreachable(run, attempts);
                }
                lastCouldNotConnect = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return PairResult.failed(candidate, "interrupted", attempts, Tokens.ZERO);
            }
            if (retry >= settings.maxRetries()) {
                String reason = lastProblem + " (gave up after " + attempts + " attempts)";
                return lastCouldNotConnect ? PairResult.gaveUpConnecting(candidate, reason, attempts)
                        : PairResult.failed(candidate, reason, attempts, Tokens.ZERO);
            }
            Duration wait = timing.delay(retry, hint);
            LOG.debug("Gemini call for ({}, {}) failed ({}), retrying in {} ms", candidate.decision().a(),
                    candidate.decision().b(), lastProblem, wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return PairResult.failed(candidate, lastProblem + " (interrupted while waiting to retry)", attempts,
                        Tokens.ZERO);
            }
        }
    }

    /**
     * Errors no other pair of this run would escape: the key is rejected, the model or endpoint does not exist,
     * or a daily quota is used up (it will not clear with short retries).
     */
    private static boolean failsEveryPair(ProviderError error) {
        int status = error.httpStatus();
        return status == 401 || status == 403 || status == 404
                || (status == 400 && error.reason() != null && error.reason().startsWith("API_KEY"))
                || (status == 429 && error.perDayQuota());
    }
}
