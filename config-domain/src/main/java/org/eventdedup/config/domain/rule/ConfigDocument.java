package org.eventdedup.config.domain.rule;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.Violation;
import org.eventdedup.config.domain.rule.DocumentShape.BooleanNode;
import org.eventdedup.config.domain.rule.DocumentShape.EnumNode;
import org.eventdedup.config.domain.rule.DocumentShape.FieldSpec;
import org.eventdedup.config.domain.rule.DocumentShape.Limits;
import org.eventdedup.config.domain.rule.DocumentShape.MapNode;
import org.eventdedup.config.domain.rule.DocumentShape.Node;
import org.eventdedup.config.domain.rule.DocumentShape.NumberNode;
import org.eventdedup.config.domain.rule.DocumentShape.RecordNode;
import org.eventdedup.config.domain.rule.DocumentShape.StringListNode;

/**
 * Converts between {@link MatchingConfig} and its JSON-like tree (maps with snake_case keys, lists, strings, numbers,
 * booleans, null) and validates a tree as a whole: types, unknown keys, ranges, then the cross-field
 * {@link ConfigRules}. Every violation is reported, each with its JSON Pointer.
 */
public final class ConfigDocument {

    private ConfigDocument() {
    }

    /** The complete document of a config, keys in declaration order. */
    public static Map<String, Object> toTree(MatchingConfig config) {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) write(config, DocumentShape.ROOT);
        return tree;
    }

    /** Binds and checks a complete document. */
    public static Validated validate(Map<String, Object> tree) {
        List<Violation> violations = new ArrayList<>();
        Object bound = read(tree, DocumentShape.ROOT, "", violations);
        if (!(bound instanceof MatchingConfig config)) {
            return new Validated(null, violations);
        }
        violations.addAll(ConfigRules.check(config));
        return new Validated(violations.isEmpty() ? config : null, violations);
    }

    /** A deep, mutable copy of a JSON-like value. */
    public static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }

    // ---- record → tree

    private static Object write(Object value, Node node) {
        if (value == null) {
            return null;
        }
        if (node instanceof RecordNode r) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (FieldSpec f : r.fields()) {
                out.put(f.jsonName(), write(accessor(f, value), f.node()));
            }
            return out;
        }
        if (node instanceof MapNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> out.put((String) k, write(v, m.valueNode())));
            return out;
        }
        if (node instanceof StringListNode) {
            return new ArrayList<>((List<?>) value);
        }
        if (node instanceof EnumNode) {
            return ((Enum<?>) value).name().toLowerCase(Locale.ROOT);
        }
        return value;
    }

    private static Object accessor(FieldSpec field, Object record) {
        try {
            return field.component().getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + field.jsonName(), e);
        }
    }

    // ---- tree → record

    /** Returns the bound value, or null when its type is wrong (the violation is recorded). */
    private static Object read(Object value, Node node, String path, List<Violation> out) {
        if (node instanceof RecordNode r) {
            return readRecord(value, r, path, out);
        }
        if (node instanceof MapNode m) {
            return readMap(value, m, path, out);
        }
        if (node instanceof StringListNode) {
            return readStringList(value, path, out);
        }
        if (node instanceof EnumNode e) {
            return readEnum(value, e, path, out);
        }
        if (node instanceof NumberNode n) {
            return readNumber(value, n, path, out);
        }
        if (node instanceof BooleanNode) {
            if (value instanceof Boolean) {
                return value;
            }
            out.add(new Violation(path, "must be true or false, got " + describe(value)));
            return null;
        }
        if (value instanceof String s) {
            String problem = textProblem(s);
            if (problem == null) {
                return value;
            }
            out.add(new Violation(path, problem));
            return null;
        }
        out.add(new Violation(path, "must be a string, got " + describe(value)));
        return null;
    }

    /**
     * Why a name or text of the document is unusable, or null: control characters (a line break or NUL in a category
     * name is never meant, and PostgreSQL cannot store NUL) and unpaired surrogates (not Unicode text at all).
     */
    static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return "must not contain control characters (found U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text (found an unpaired surrogate)";
            }
        }
        return null;
    }

    private static Object readRecord(Object value, RecordNode node, String path, List<Violation> out) {
        if (!(value instanceof Map<?, ?> map)) {
            out.add(new Violation(path.isEmpty() ? "/" : path, "must be an object, got " + describe(value)));
            return null;
        }
        for (Object key : map.keySet()) {
            if (node.field(String.valueOf(key)).isEmpty()) {
                out.add(new Violation(DocumentShape.pointer(path, String.valueOf(key)), "unknown field"));
            }
        }
        Object[] args = new Object[node.fields().size()];
        boolean complete = true;
        for (int i = 0; i < args.length; i++) {
            FieldSpec f = node.fields().get(i);
            String fieldPath = DocumentShape.pointer(path, f.jsonName());
            if (!map.containsKey(f.jsonName())) {
                out.add(new Violation(fieldPath, "is required"));
                complete = false;
                continue;
            }
            Object raw = map.get(f.jsonName());
            if (raw == null) {
                if (!f.nullable()) {
                    out.add(new Violation(fieldPath, "must not be null"));
                    complete = false;
                }
                continue;
            }
            Object bound = read(raw, f.node(), fieldPath, out);
            if (bound == null) {
                complete = false;
                continue;
            }
            checkLimits(bound, f, fieldPath, out);
            args[i] = bound;
        }
        return complete ? construct(node, args) : null;
    }

    private static Object construct(RecordNode node, Object[] args) {
        try {
            Class<?>[] types = node.fields().stream().map(f -> f.component().getType()).toArray(Class<?>[]::new);
            Constructor<? extends Record> constructor = node.type().getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + node.type().getSimpleName(), e);
        }
    }

    private static Object readMap(Object value, MapNode node, String path, List<Violation> out) {
        if (!(value instanceof Map<?, ?> map)) {
            out.add(new Violation(path, "must be an object, got " + describe(value)));
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, String> seen = new HashMap<>();
        boolean complete = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String entryPath = DocumentShape.pointer(path, key);
            if (key.isBlank()) {
                out.add(new Violation(entryPath, "name must not be empty"));
                complete = false;
                continue;
            }
            String keyProblem = textProblem(key);
            if (keyProblem != null) {
                out.add(new Violation(entryPath, "name " + keyProblem));
                complete = false;
                continue;
            }
            String earlier = seen.putIfAbsent(foldCase(key), key);
            if (earlier != null) {
                out.add(new Violation(entryPath, sameIgnoringCase(key, earlier)));
                complete = false;
                continue;
            }
            if (e.getValue() == null) {
                out.add(new Violation(entryPath, "must not be null"));
                complete = false;
                continue;
            }
            Object bound = read(e.getValue(), node.valueNode(), entryPath, out);
            if (bound == null) {
                complete = false;
            } else {
                result.put(key, bound);
            }
        }
        return complete ? result : null;
    }

    private static Object readStringList(Object value, String path, List<Violation> out) {
        if (!(value instanceof List<?> list)) {
            out.add(new Violation(path, "must be a list of strings, got " + describe(value)));
            return null;
        }
        List<String> result = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        boolean complete = true;
        for (int i = 0; i < list.size(); i++) {
            String itemPath = path + "/" + i;
            if (!(list.get(i) instanceof String s)) {
                out.add(new Violation(itemPath, "must be a string, got " + describe(list.get(i))));
                complete = false;
                continue;
            }
            String problem = textProblem(s);
            if (s.isBlank()) {
                out.add(new Violation(itemPath, "must not be empty"));
            } else if (problem != null) {
                out.add(new Violation(itemPath, problem));
                complete = false;
            } else if (seen.containsKey(foldCase(s))) {
                String earlier = seen.get(foldCase(s));
                out.add(new Violation(itemPath, earlier.equals(s) ? "duplicate entry \"" + s + "\""
                        : sameIgnoringCase(s, earlier)));
            } else {
                seen.put(foldCase(s), s);
            }
            result.add(s);
        }
        return complete ? result : null;
    }

    /**
     * Names (the categories) compare ignoring case, as the matching engine compares them: upper then lower case maps
     * "Straße" and "STRASSE" together, as full case folding does.
     */
    static String foldCase(String name) {
        return name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static String sameIgnoringCase(String name, String earlier) {
        return "names compare ignoring case: \"" + OperatorRules.shown(name) + "\" is the same as \""
                + OperatorRules.shown(earlier) + "\"; keep one";
    }

    private static Object readEnum(Object value, EnumNode node, String path, List<Violation> out) {
        List<String> names = node.jsonNames();
        if (value instanceof String s && names.contains(s)) {
            return node.type().getEnumConstants()[names.indexOf(s)];
        }
        out.add(new Violation(path, "must be one of " + String.join(", ", names) + ", got " + describe(value)));
        return null;
    }

    private static Object readNumber(Object value, NumberNode node, String path, List<Violation> out) {
        if (!(value instanceof Number number)) {
            out.add(new Violation(path, "must be a number, got " + describe(value)));
            return null;
        }
        BigDecimal exact = toBigDecimal(number);
        if (exact == null) {
            out.add(new Violation(path, "must be a finite number"));
            return null;
        }
        if (node.integer()) {
            if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
                out.add(new Violation(path, "must be a whole number, got " + exact.toPlainString()));
                return null;
            }
            if (exact.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                    || exact.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
                out.add(new Violation(path, "must be at most " + Integer.MAX_VALUE + ", got " + exact.toPlainString()));
                return null;
            }
            return exact.intValue();
        }
        double d = exact.doubleValue();
        if (!Double.isFinite(d)) {
            out.add(new Violation(path, "must be a finite number"));
            return null;
        }
        return d;
    }

    /** Exact value of a number, null for NaN or infinity. */
    private static BigDecimal toBigDecimal(Number number) {
        if (number instanceof BigDecimal b) {
            return b;
        }
        if (number instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
        }
        return BigDecimal.valueOf(number.longValue());
    }

    private static void checkLimits(Object value, FieldSpec field, String path, List<Violation> out) {
        Limits limits = field.limits();
        if (value instanceof String s && limits.notBlank() && s.isBlank()) {
            out.add(new Violation(path, "must not be empty"));
        }
        if (!(value instanceof Number n)) {
            return;
        }
        BigDecimal v = toBigDecimal(n);
        if (limits.min() != null) {
            int c = v.compareTo(limits.min());
            if (c < 0 || (c == 0 && !limits.minInclusive())) {
                out.add(new Violation(path, "must be " + (limits.minInclusive() ? "at least " : "greater than ")
                        + limits.min().toPlainString() + ", got " + plain(n)));
            }
        }
        if (limits.max() != null) {
            int c = v.compareTo(limits.max());
            if (c > 0 || (c == 0 && !limits.maxInclusive())) {
                out.add(new Violation(path, "must be " + (limits.maxInclusive() ? "at most " : "less than ")
                        + limits.max().toPlainString() + ", got " + plain(n)));
            }
        }
    }

    static String plain(Number n) {
        if (n instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return n.toString();
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value.toString();
    }
}
