package org.eventdedup.config.domain.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** AI tier settings. The API key is deliberately not here: it has its own write-only, encrypted field. */
public record AiConfig(
        @Doc(title = "AI matching enabled", value = "Send ambiguous pairs in the score window to Gemini.")
        boolean enabled,
        @Doc(title = "Model", value = "Gemini model name, e.g. gemini-2.5-flash.")
        @NotBlank String model,
        @Doc(title = "Temperature", value = "Sampling temperature; low values give stable answers.")
        @DecimalMin("0.0") @DecimalMax("2.0") double temperature,
        @Doc(title = "Max output tokens", value = "Upper bound of tokens per answer.")
        @Positive int maxOutputTokens,
        @Doc(title = "Max concurrent requests", value = "Requests to Gemini in flight at once.")
        @Positive int maxConcurrentRequests,
        @Doc(title = "Confidence threshold", value = "AI answers below this confidence are ignored.")
        @DecimalMin("0.0") @DecimalMax("1.0") double confidenceThreshold,
        @Doc(title = "AI window lower score", value = "Ambiguous pairs with a combined score from here ...")
        @DecimalMin("0.0") @DecimalMax("1.0") double minCombinedScore,
        @Doc(title = "AI window upper score", value = "... up to here are sent to the AI.")
        @DecimalMin("0.0") @DecimalMax("1.0") double maxCombinedScore,
        @Doc(title = "Cache answers", value = "Reuse earlier AI answers for the same pair and model.")
        boolean cacheEnabled,
        @Doc(title = "Cost per 1M input tokens (USD)", value = "The provider's price per million prompt tokens; used only for the cost forecast and usage figures.")
        @PositiveOrZero double costPer1mInputTokens,
        @Doc(title = "Cost per 1M output tokens (USD)", value = "Thinking tokens are billed as output.")
        @PositiveOrZero double costPer1mOutputTokens,
        @Doc(title = "Thinking budget (tokens)", value = "0 switches thinking off; -1 lets the model decide.")
        @Min(-1) @Max(24576) int thinkingBudget) {

    public static final AiConfig DEFAULT = new AiConfig(false, "gemini-2.5-flash", 0.1, 2048, 5, 0.6, 0.65, 0.79,
            true, 0.30, 2.50, 0);

    public AiConfig withEnabled(boolean value) {
        return new AiConfig(value, model, temperature, maxOutputTokens, maxConcurrentRequests, confidenceThreshold,
                minCombinedScore, maxCombinedScore, cacheEnabled, costPer1mInputTokens, costPer1mOutputTokens,
                thinkingBudget);
    }
}
