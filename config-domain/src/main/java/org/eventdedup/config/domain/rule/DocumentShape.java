package org.eventdedup.config.domain.rule;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eventdedup.config.domain.model.Doc;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.Nullable;

/**
 * The shape of the config document, read once by reflection from the records, their jakarta.validation
 * annotations and {@link Doc}. JSON names are the snake_case of the component names
 * ({@code costPer1mInputTokens} → {@code cost_per_1m_input_tokens}).
 */
public final class DocumentShape {

    /** The shape of the whole {@link MatchingConfig} document. */
    public static final RecordNode ROOT = (RecordNode) nodeFor(MatchingConfig.class);

    private DocumentShape() {
    }

    /** A node of the document tree. */
    public sealed interface Node permits RecordNode, NumberNode, BooleanNode, StringNode, EnumNode, StringListNode,
            MapNode {
    }

    /** An object with a fixed set of fields, bound to a record. */
    public record RecordNode(Class<? extends Record> type, List<FieldSpec> fields) implements Node {
        public Optional<FieldSpec> field(String jsonName) {
            return fields.stream().filter(f -> f.jsonName().equals(jsonName)).findFirst();
        }
    }

    /** A number; {@code integer} for int components. */
    public record NumberNode(boolean integer) implements Node {
    }

    public record BooleanNode() implements Node {
    }

    public record StringNode() implements Node {
    }

    /** One of the enum's constants, written as its lower-case name. */
    public record EnumNode(Class<? extends Enum<?>> type) implements Node {
        public List<String> jsonNames() {
            List<String> names = new ArrayList<>();
            for (Enum<?> constant : type.getEnumConstants()) {
                names.add(constant.name().toLowerCase(Locale.ROOT));
            }
            return names;
        }

        /** Each constant's help ({@link Doc} on the constant) by JSON name, in declaration order; empty without. */
        public Map<String, String> help() {
            Map<String, String> help = new LinkedHashMap<>();
            for (Enum<?> constant : type.getEnumConstants()) {
                try {
                    Doc doc = type.getField(constant.name()).getAnnotation(Doc.class);
                    if (doc != null && !doc.value().isEmpty()) {
                        help.put(constant.name().toLowerCase(Locale.ROOT), doc.value());
                    }
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException("an enum constant is a field", e);
                }
            }
            return help;
        }
    }

    /** An ordered list of non-empty strings. */
    public record StringListNode() implements Node {
    }

    /** An object whose keys are free names (categories) and whose values share one shape. */
    public record MapNode(Node valueNode) implements Node {
    }

    /** Range and emptiness limits of a field, from its jakarta.validation annotations. */
    public record Limits(BigDecimal min, boolean minInclusive, BigDecimal max, boolean maxInclusive,
                         boolean notBlank) {
        static final Limits NONE = new Limits(null, true, null, true, false);
    }

    /** One field of a record node. */
    public record FieldSpec(String jsonName, RecordComponent component, Node node, boolean nullable, String title,
                            String description, Limits limits) {
    }

    /** snake_case of a Java component name; digits start a new word ({@code per1m} → {@code per_1m}). */
    public static String jsonName(String javaName) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            boolean newWord = i > 0 && (Character.isUpperCase(c)
                    || (Character.isDigit(c) && !Character.isDigit(javaName.charAt(i - 1))));
            if (newWord) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static Node nodeFor(Type type) {
        if (type == double.class || type == Double.class) {
            return new NumberNode(false);
        }
        if (type == int.class || type == Integer.class) {
            return new NumberNode(true);
        }
        if (type == boolean.class || type == Boolean.class) {
            return new BooleanNode();
        }
        if (type == String.class) {
            return new StringNode();
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            return new EnumNode((Class<? extends Enum<?>>) c);
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            List<FieldSpec> fields = new ArrayList<>();
            for (RecordComponent component : c.getRecordComponents()) {
                fields.add(fieldFor(c, component));
            }
            return new RecordNode((Class<? extends Record>) c, List.copyOf(fields));
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == String.class) {
            return new StringListNode();
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Map.class
                && p.getActualTypeArguments()[0] == String.class) {
            return new MapNode(nodeFor(p.getActualTypeArguments()[1]));
        }
        throw new IllegalStateException("config document cannot hold type " + type);
    }

    private static FieldSpec fieldFor(Class<?> owner, RecordComponent component) {
        Field field;
        try {
            field = owner.getDeclaredField(component.getName());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("record field missing: " + component.getName(), e);
        }
        Doc doc = component.getAnnotation(Doc.class);
        return new FieldSpec(jsonName(component.getName()), component, nodeFor(component.getGenericType()),
                component.isAnnotationPresent(Nullable.class),
                doc == null ? component.getName() : doc.title(),
                doc == null ? "" : doc.value(),
                limitsOf(field));
    }

    private static Limits limitsOf(Field field) {
        BigDecimal min = null;
        BigDecimal max = null;
        boolean minInclusive = true;
        boolean maxInclusive = true;
        DecimalMin decimalMin = field.getAnnotation(DecimalMin.class);
        if (decimalMin != null) {
            min = new BigDecimal(decimalMin.value());
            minInclusive = decimalMin.inclusive();
        }
        DecimalMax decimalMax = field.getAnnotation(DecimalMax.class);
        if (decimalMax != null) {
            max = new BigDecimal(decimalMax.value());
            maxInclusive = decimalMax.inclusive();
        }
        Min intMin = field.getAnnotation(Min.class);
        if (intMin != null) {
            min = BigDecimal.valueOf(intMin.value());
        }
        Max intMax = field.getAnnotation(Max.class);
        if (intMax != null) {
            max = BigDecimal.valueOf(intMax.value());
        }
        if (field.isAnnotationPresent(Positive.class)) {
            min = BigDecimal.ZERO;
            minInclusive = false;
        }
        if (field.isAnnotationPresent(PositiveOrZero.class)) {
            min = BigDecimal.ZERO;
        }
        return new Limits(min, minInclusive, max, maxInclusive, field.isAnnotationPresent(NotBlank.class));
    }

    /** A JSON Pointer segment ({@code ~} → {@code ~0}, {@code /} → {@code ~1}). */
    public static String pointer(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }
}
