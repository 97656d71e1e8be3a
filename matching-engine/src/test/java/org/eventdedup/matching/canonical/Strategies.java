package org.eventdedup.matching.canonical;

import org.eventdedup.config.domain.model.BooleanStrategy;
import org.eventdedup.config.domain.model.CanonicalConfig;
import org.eventdedup.config.domain.model.FieldStrategies;
import org.eventdedup.config.domain.model.GeoStrategy;
import org.eventdedup.config.domain.model.ListStrategy;
import org.eventdedup.config.domain.model.TextStrategy;

/** Builds a canonical config that differs from the defaults in one field strategy, named as in the config document. */
final class Strategies {
    private Strategies() {
    }

    static CanonicalConfig with(String field, Object strategy) {
        return new CanonicalConfig(strategies(FieldStrategies.DEFAULT, field, strategy),
                CanonicalConfig.DEFAULT.titleMinLength());
    }

    static FieldStrategies strategies(FieldStrategies s, String field, Object v) {
        TextStrategy t = v instanceof TextStrategy x ? x : null;
        ListStrategy l = v instanceof ListStrategy x ? x : null;
        BooleanStrategy b = v instanceof BooleanStrategy x ? x : null;
        return switch (field) {
            case "title" -> new FieldStrategies(t, s.shortDescription(), s.description(), s.highlights(),
                    s.locationName(), s.locationCity(), s.locationStreet(), s.geo(), s.categories(), s.isFamilyEvent(),
                    s.isChildFocused(), s.admissionFree());
            case "short_description" -> new FieldStrategies(s.title(), t, s.description(), s.highlights(),
                    s.locationName(), s.locationCity(), s.locationStreet(), s.geo(), s.categories(), s.isFamilyEvent(),
                    s.isChildFocused(), s.admissionFree());
            case "description" -> new FieldStrategies(s.title(), s.shortDescription(), t, s.highlights(),
                    s.locationName(), s.locationCity(), s.locationStreet(), s.geo(), s.categories(), s.isFamilyEvent(),
                    s.isChildFocused(), s.admissionFree());
            case "highlights" -> new FieldStrategies(s.title(), s.shortDescription(), s.description(), l,
                    s.locationName(), s.locationCity(), s.locationStreet(), s.geo(), s.categories(), s.isFamilyEvent(),
                    s.isChildFocused(), s.admissionFree());
            case "location_name" -> new FieldStrategies(s.title(), s.shortDescription(), s.description(),
                    s.highlights(), t, s.locationCity(), s.locationStreet(), s.geo(), s.categories(),
                    s.isFamilyEvent(), s.isChildFocused(), s.admissionFree());
            case "location_city" -> new FieldStrategies(s.title(), s.shortDescription(), s.description(),
                    s.highlights(), s.locationName(), t, s.locationStreet(), s.geo(), s.categories(),
                    s.isFamilyEvent(), s.isChildFocused(), s.admissionFree());
            case "location_street" -> new FieldStrategies(s.title(), s.shortDescription(), s.description(),
                    s.highlights(), s.locationName(), s.locationCity(), t, s.geo(), s.categories(),
                    s.isFamilyEvent(), s.isChildFocused(), s.admissionFree());
            case "geo" -> new FieldStrategies(s.title(), s.shortDescription(), s.description(), s.highlights(),
                    s.locationName(), s.locationCity(), s.locationStreet(), (GeoStrategy) v, s.categories(),
                    s.isFamilyEvent(), s.isChildFocused(), s.admissionFree());
            case "categories" -> new FieldStrategies(s.title(), s.shortDescription(), s.description(),
                    s.highlights(), s.locationName(), s.locationCity(), s.locationStreet(), s.geo(), l,
                    s.isFamilyEvent(), s.isChildFocused(), s.admissionFree());
            case "is_family_event" -> new FieldStrategies(s.title(), s.shortDescription(), s.description(),
                    s.highlights(), s.locationName(), s.locationCity(), s.locationStreet(), s.geo(), s.categories(),
                    b, s.isChildFocused(), s.admissionFree());
            case "is_child_focused" -> new FieldStrategies(s.title(), s.shortDescription(), s.description(),
                    s.highlights(), s.locationName(), s.locationCity(), s.locationStreet(), s.geo(), s.categories(),
                    s.isFamilyEvent(), b, s.admissionFree());
            case "admission_free" -> new FieldStrategies(s.title(), s.shortDescription(), s.description(),
                    s.highlights(), s.locationName(), s.locationCity(), s.locationStreet(), s.geo(), s.categories(),
                    s.isFamilyEvent(), s.isChildFocused(), b);
            default -> throw new IllegalArgumentException(field);
        };
    }
}
