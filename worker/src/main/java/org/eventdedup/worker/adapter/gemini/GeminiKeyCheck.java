package org.eventdedup.worker.adapter.gemini;

import org.eventdedup.worker.port.AiKeyCheck;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.in.ConfigProvider;
import org.eventdedup.config.domain.port.in.EffectiveConfig;

/**
 * "Test key": the smallest Gemini call there is — one {@code generateContent} with a one-word prompt and at most one
 * output token, no retries — with the key and model the next pipeline run would use. Reports success with the
 * round-trip time, or the provider's status and message; the key never appears in a result (provider texts are
 * redacted), an exception or a log line.
 */
public final class GeminiKeyCheck implements AiKeyCheck {

    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** A test should answer quickly or say so; the pipeline's 60 s would leave the operator waiting. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final GeminiSettings settings;
    private final ConfigProvider config;
    private final HttpClient http;
    private final GeminiProtocol protocol = new GeminiProtocol();
    private final ObjectMapper mapper = new ObjectMapper();

    public GeminiKeyCheck(GeminiSettings settings, ConfigProvider config) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.config = Objects.requireNonNull(config, "config");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version("https".equalsIgnoreCase(settings.baseUrl().getScheme())
                        ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Result test() {
        EffectiveConfig effective = config.load();
        Optional<SecretString> apiKey = effective.apiKey();
        String key = apiKey.map(k -> k.reveal().strip()).orElse("");
        if (key.isEmpty()) {
            throw new NoKeyException(effective.warnings().contains(
                    org.eventdedup.config.domain.service.ConfigService.UNDECRYPTABLE_KEY_WARNING)
                    ? "The stored API key cannot be decrypted; check EVENT_DEDUP_ENCRYPTION_KEY or store the key again."
                    : "No Gemini API key is stored; set one with PUT /api/config/ai-key first.");
        }
        String name = effective.config().ai().model().strip();
        String model = name.startsWith("models/") ? name.substring("models/".length()) : name;
        if (!MODEL_ID.matcher(model).matches()) {
            return new Result(false, redact(model, key), 0, null, "ai.model is not a Gemini model id");
        }
        if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return new Result(false, model, 0, null,
                    "the API key contains characters that cannot be sent in an HTTP header");
        }
        HttpRequest request = HttpRequest.newBuilder(settings.generateContentUri(model))
                .timeout(REQUEST_TIMEOUT.compareTo(settings.requestTimeout()) < 0 ? REQUEST_TIMEOUT
                        : settings.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(GeminiPairResolver.API_KEY_HEADER, key)
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(), StandardCharsets.UTF_8))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(
                    StandardCharsets.UTF_8));
            long latency = (System.nanoTime() - started) / 1_000_000;
            if (response.statusCode() == 200) {
                return new Result(true, model, latency, null, null);
            }
            GeminiProtocol.ProviderError error = protocol.readError(response.statusCode(), response.body());
            String message = error.message() != null ? error.message() : error.describe();
            return new Result(false, model, latency, response.statusCode(), redact(message, key));
        } catch (IOException e) {
            return new Result(false, model, elapsed(started), null, redact(NetworkProblems.describe(e,
                    settings.baseUrl(), settings.connectTimeout(), request.timeout().orElse(REQUEST_TIMEOUT)), key));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, model, elapsed(started), null, "interrupted");
        }
    }

    /** One word in, one token out, no thinking budget asked for: the cheapest request the API accepts. */
    private String requestBody() {
        ObjectNode body = mapper.createObjectNode();
        body.putArray("contents").addObject().put("role", "user").putArray("parts").addObject().put("text", "ping");
        body.putObject("generationConfig").put("maxOutputTokens", 1);
        return body.toString();
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String redact(String text, String key) {
        return text == null ? null : text.replace(key, "[redacted]");
    }
}
