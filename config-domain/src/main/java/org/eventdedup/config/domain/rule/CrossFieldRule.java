package org.eventdedup.config.domain.rule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.Violation;

/**
 * A cross-field rule as data, so the server and the page evaluate the same definition: the schema publishes it
 * ({@code x-rules}) and the page interprets it as the operator types. A rule applies at every object its
 * {@code scope} pointer names ({@code *} stands for each entry of a map; a missing or null object is skipped) and
 * reads the fields of that object:
 * <ul>
 *   <li>{@code sum}: all its numbers add up to {@code target} ± {@link #tolerance}; reported at the scope;</li>
 *   <li>{@code positive_sum}: {@code fields} add up to more than 0; reported at the first field;</li>
 *   <li>{@code less_than} / {@code at_most}: {@code fields[0]} is below / at most {@code factor × fields[1]};
 *       reported at the first field.</li>
 * </ul>
 * {@code message} is what the operator reads; {@code {right}} stands for {@code factor × fields[1]} and
 * {@code {sum}} for the sum, each written by {@link #format}.
 */
public record CrossFieldRule(String name, Kind kind, String scope, List<String> fields, double factor,
                             double target, double tolerance, String message) implements ConfigRule {

    /** What a rule checks. */
    public enum Kind { SUM, POSITIVE_SUM, LESS_THAN, AT_MOST }

    public CrossFieldRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        fields = List.copyOf(fields);
        Objects.requireNonNull(message, "message");
        if ((kind == Kind.LESS_THAN || kind == Kind.AT_MOST) && fields.size() != 2) {
            throw new IllegalArgumentException(name + ": a comparison names exactly two fields");
        }
    }

    static CrossFieldRule sum(String name, String scope, double target, double tolerance, String message) {
        return new CrossFieldRule(name, Kind.SUM, scope, List.of(), 1, target, tolerance, message);
    }

    static CrossFieldRule positiveSum(String name, String scope, List<String> fields, String message) {
        return new CrossFieldRule(name, Kind.POSITIVE_SUM, scope, fields, 1, 0, 0, message);
    }

    static CrossFieldRule compare(String name, Kind kind, String scope, String left, String right, double factor,
                                  String message) {
        return new CrossFieldRule(name, kind, scope, List.of(left, right), factor, 0, 0, message);
    }

    @Override
    public List<Violation> check(MatchingConfig config) {
        return check(ConfigDocument.toTree(config));
    }

    /** The violations in a well-typed document tree. */
    public List<Violation> check(Map<String, Object> tree) {
        List<Violation> out = new ArrayList<>();
        for (Map.Entry<String, Map<?, ?>> scoped : objectsAt(tree).entrySet()) {
            Violation v = checkOne(scoped.getKey(), scoped.getValue());
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** The rule as the schema publishes it. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        json.put("scope", scope);
        json.put("fields", fields);
        if (kind == Kind.LESS_THAN || kind == Kind.AT_MOST) {
            json.put("factor", factor);
        }
        if (kind == Kind.SUM) {
            json.put("target", target);
            json.put("tolerance", tolerance);
        }
        json.put("message", message);
        return json;
    }

    /**
     * How a value appears in a message: whole-number fields plainly ({@code 90}), others rounded to 4 decimals with
     * at least 2 ({@code 0.70}, {@code 0.755}). The page writes values the same way.
     */
    public static String format(double value, boolean whole) {
        BigDecimal d = BigDecimal.valueOf(value).setScale(whole ? 2 : 4, RoundingMode.HALF_UP).stripTrailingZeros();
        if (!whole && d.scale() < 2) {
            d = d.setScale(2, RoundingMode.UNNECESSARY);
        }
        if (d.scale() < 0) {
            d = d.setScale(0, RoundingMode.UNNECESSARY);
        }
        return d.toPlainString();
    }

    private Violation checkOne(String at, Map<?, ?> object) {
        switch (kind) {
            case SUM -> {
                double sum = 0;
                for (Object v : object.values()) {
                    if (v instanceof Number n) {
                        sum += n.doubleValue();
                    }
                }
                return Math.abs(sum - target) <= tolerance + 1e-12 ? null
                        : new Violation(at, message.replace("{sum}", format(sum, false)));
            }
            case POSITIVE_SUM -> {
                double sum = 0;
                for (String f : fields) {
                    sum += ((Number) object.get(f)).doubleValue();
                }
                return sum > 0 ? null : new Violation(at + "/" + fields.get(0), message);
            }
            default -> {
                Object left = object.get(fields.get(0));
                double l = ((Number) left).doubleValue();
                double r = factor * ((Number) object.get(fields.get(1))).doubleValue();
                boolean ok = kind == Kind.LESS_THAN ? l < r : l <= r;
                return ok ? null : new Violation(at + "/" + fields.get(0),
                        message.replace("{right}", format(r, left instanceof Integer)));
            }
        }
    }

    private Map<String, Map<?, ?>> objectsAt(Map<String, Object> tree) {
        Map<String, Map<?, ?>> found = new LinkedHashMap<>();
        found.put("", tree);
        for (String segment : scope.substring(1).split("/")) {
            Map<String, Map<?, ?>> next = new LinkedHashMap<>();
            for (Map.Entry<String, Map<?, ?>> e : found.entrySet()) {
                if (segment.equals("*")) {
                    for (Map.Entry<?, ?> entry : e.getValue().entrySet()) {
                        if (entry.getValue() instanceof Map<?, ?> m) {
                            next.put(DocumentShape.pointer(e.getKey(), String.valueOf(entry.getKey())), m);
                        }
                    }
                } else if (e.getValue().get(segment) instanceof Map<?, ?> m) {
                    next.put(e.getKey() + "/" + segment, m);
                }
            }
            found = next;
        }
        return found;
    }
}
