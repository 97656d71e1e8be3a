package org.eventdedup.config.domain.model;

import jakarta.validation.constraints.Positive;

public record CanonicalConfig(
        @Doc(title = "Field strategies", value = "How each canonical field is chosen from the cluster's listings.")
        FieldStrategies fieldStrategies,
        @Doc(title = "Minimum title length", value = "The Longest non generic strategy prefers titles at least this long.")
        @Positive int titleMinLength) {

    public static final CanonicalConfig DEFAULT = new CanonicalConfig(FieldStrategies.DEFAULT, 10);
}
