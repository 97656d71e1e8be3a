package org.eventdedup.worker.adapter.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import org.eventdedup.config.domain.model.AiConfig;
import org.eventdedup.matching.port.AiCandidate;

/**
 * The JSON of {@code generateContent} (external-apis Part 1): the request for one pair, and reading an answer or an
 * error body. Every response field is optional; unknown fields are ignored.
 */
final class GeminiProtocol {

    static final String SAME = "same";
    static final String DIFFERENT = "different";
    private static final int MAX_PROVIDER_TEXT = 300;

    private final ObjectMapper mapper = new ObjectMapper();

    /** Token counts of one response; {@code usageMetadata} fields are omitted when zero. */
    record Tokens(long prompt, long output, long thoughts) {
        static final Tokens ZERO = new Tokens(0, 0, 0);
    }

    /** A usable answer, before the confidence gate. */
    record Answer(String decision, double confidence, String reasoning) {
    }

    /** What a 200 response held: an answer, or why there is none; tokens are billed either way. */
    record Reply(Answer answer, String problem, Tokens tokens) {
        boolean ok() {
            return answer != null;
        }
    }

    /** A non-200 response as Google describes it ({@code google.rpc.Status} inside {@code error}). */
    record ProviderError(int httpStatus, String status, String message, String reason, Duration retryDelay,
                         boolean perDayQuota) {

        /** {@code HTTP 400 INVALID_ARGUMENT (API_KEY_INVALID): API key not valid...}. */
        String describe() {
            StringBuilder out = new StringBuilder("HTTP ").append(httpStatus);
            if (status != null) {
                out.append(' ').append(status);
            }
            if (reason != null) {
                out.append(" (").append(reason).append(')');
            }
            if (message != null) {
                out.append(": ").append(message);
            }
            return out.toString();
        }
    }

    String requestBody(AiCandidate candidate, AiConfig config) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("systemInstruction").putArray("parts").addObject()
                .put("text", GeminiPrompt.SYSTEM_INSTRUCTION);
        ObjectNode turn = body.putArray("contents").addObject();
        turn.put("role", "user");
        turn.putArray("parts").addObject().put("text", GeminiPrompt.userMessage(candidate));

        ObjectNode generation = body.putObject("generationConfig");
        generation.put("temperature", config.temperature());
        generation.put("maxOutputTokens", config.maxOutputTokens());
        generation.put("responseMimeType", "application/json");
        generation.set("responseSchema", responseSchema());
        generation.putObject("thinkingConfig").put("thinkingBudget", config.thinkingBudget());
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a tree of plain nodes", e);
        }
    }

    /** The OpenAPI-subset schema; {@code decision} is an enum (Part A 8), unlike the earlier service's. */
    private ObjectNode responseSchema() {
        ObjectNode schema = mapper.createObjectNode();
        schema.put("type", "OBJECT");
        ObjectNode properties = schema.putObject("properties");
        ObjectNode decision = properties.putObject("decision");
        decision.put("type", "STRING");
        decision.put("description", "\"same\" if both records describe the same real-world event, else \"different\"");
        decision.putArray("enum").add(SAME).add(DIFFERENT);
        ObjectNode confidence = properties.putObject("confidence");
        confidence.put("type", "NUMBER");
        confidence.put("description", "How sure the decision is, from 0 to 1");
        confidence.put("minimum", 0.0);
        confidence.put("maximum", 1.0);
        ObjectNode reasoning = properties.putObject("reasoning");
        reasoning.put("type", "STRING");
        reasoning.put("description", "One or two sentences naming the facts that decided it");
        ArrayNode required = schema.putArray("required");
        ArrayNode ordering = schema.putArray("propertyOrdering");
        for (String name : new String[] {"decision", "confidence", "reasoning"}) {
            required.add(name);
            ordering.add(name);
        }
        return schema;
    }

    /**
     * Reads a 200 body: blocked prompt, missing candidate, a finish reason other than {@code STOP} and empty content
     * are checked before the answer text is parsed (Part A 8). Thought parts are skipped.
     */
    Reply readReply(String body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return new Reply(null, "the response is not JSON", Tokens.ZERO);
        }
        if (root == null || !root.isObject()) {
            return new Reply(null, "the response is not a JSON object", Tokens.ZERO);
        }
        Tokens tokens = tokens(root.path("usageMetadata"));
        String blockReason = text(root.path("promptFeedback").path("blockReason"));
        JsonNode candidates = root.path("candidates");
        if (!candidates.isArray() || candidates.isEmpty()) {
            return new Reply(null, blockReason != null
                    ? "the prompt was blocked (blockReason " + blockReason + ")"
                    : "the response has no candidates", tokens);
        }
        JsonNode candidate = candidates.get(0);
        String finishReason = text(candidate.path("finishReason"));
        if (finishReason != null && !"STOP".equals(finishReason)) {
            String extra = "MAX_TOKENS".equals(finishReason)
                    ? ": the output budget ran out; thinking tokens count against ai.max_output_tokens" : "";
            String finishMessage = text(candidate.path("finishMessage"));
            return new Reply(null, "no usable answer (finishReason " + finishReason + extra + ")"
                    + (finishMessage != null ? ": " + shorten(finishMessage) : ""), tokens);
        }
        StringBuilder answerText = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("thought").asBoolean(false)) {
                continue;
            }
            JsonNode partText = part.path("text");
            if (partText.isTextual()) {
                answerText.append(partText.asText());
            }
        }
        if (answerText.toString().isBlank()) {
            return new Reply(null, "the answer is empty (finishReason " + (finishReason == null ? "missing"
                    : finishReason) + ")", tokens);
        }
        return parseAnswer(answerText.toString(), tokens);
    }

    private Reply parseAnswer(String text, Tokens tokens) {
        JsonNode answer;
        try {
            answer = mapper.readTree(withoutCodeFence(text.strip()));
        } catch (JsonProcessingException e) {
            return new Reply(null, "the answer is not valid JSON: " + shorten(text), tokens);
        }
        if (answer == null || !answer.isObject()) {
            return new Reply(null, "the answer is not a JSON object: " + shorten(text), tokens);
        }
        JsonNode decision = answer.path("decision");
        if (!decision.isTextual()) {
            return new Reply(null, "the answer has no decision text: " + shorten(text), tokens);
        }
        JsonNode confidence = answer.path("confidence");
        if (!confidence.isNumber()) {
            return new Reply(null, "the answer has no numeric confidence: " + shorten(text), tokens);
        }
        double value = confidence.asDouble();
        if (!(value >= 0.0 && value <= 1.0)) {
            return new Reply(null, "the answer's confidence " + confidence.asText() + " is outside [0, 1]", tokens);
        }
        JsonNode reasoning = answer.path("reasoning");
        return new Reply(new Answer(decision.asText(), value, reasoning.isTextual() ? reasoning.asText() : null),
                null, tokens);
    }

    /**
     * Reads an error body: {@code {"error": {code, message, status, details}}}, the same object at the top level or
     * in a one-element array, or plain text (then the text is the message).
     */
    ProviderError readError(int httpStatus, String body) {
        JsonNode root = null;
        try {
            root = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            // not JSON: the raw text is the message
        }
        if (root != null && root.isArray() && root.size() == 1) {
            root = root.get(0);
        }
        if (root == null || !root.isObject()) {
            String message = body == null || body.isBlank() ? null : shorten(body);
            return new ProviderError(httpStatus, null, message, null, null, false);
        }
        JsonNode error = root.has("error") && root.get("error").isObject() ? root.get("error") : root;
        String status = text(error.path("status"));
        String message = text(error.path("message"));
        String reason = null;
        Duration retryDelay = null;
        boolean perDay = false;
        for (JsonNode detail : error.path("details")) {
            String type = detail.path("@type").asText("");
            if (type.endsWith("google.rpc.ErrorInfo") && reason == null) {
                reason = text(detail.path("reason"));
            } else if (type.endsWith("google.rpc.RetryInfo")) {
                retryDelay = RetryTiming.parseProtobufDuration(text(detail.path("retryDelay")));
            } else if (type.endsWith("google.rpc.QuotaFailure")) {
                for (JsonNode violation : detail.path("violations")) {
                    perDay |= violation.path("quotaId").asText("").toLowerCase(Locale.ROOT).contains("perday");
                }
            }
        }
        return new ProviderError(httpStatus, status, message == null ? null : shorten(message), reason,
                retryDelay, perDay);
    }

    private static Tokens tokens(JsonNode usage) {
        return new Tokens(count(usage.path("promptTokenCount")), count(usage.path("candidatesTokenCount")),
                count(usage.path("thoughtsTokenCount")));
    }

    private static long count(JsonNode node) {
        return node.canConvertToLong() && node.asLong() > 0 ? node.asLong() : 0;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String withoutCodeFence(String text) {
        if (text.startsWith("```") && text.endsWith("```") && text.length() >= 6) {
            String inner = text.substring(3, text.length() - 3);
            int newline = inner.indexOf('\n');
            return newline >= 0 && inner.substring(0, newline).strip().matches("[A-Za-z]*")
                    ? inner.substring(newline + 1) : inner;
        }
        return text;
    }

    /** One line of at most 300 characters, for warnings. */
    static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_PROVIDER_TEXT ? line : line.substring(0, MAX_PROVIDER_TEXT - 3) + "...";
    }
}
