package org.eventdedup.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eventdedup.offline.CliException;

/**
 * The {@code --name value} options of one offline command. An option is a flag (no value), takes one value, or takes
 * one or more values (up to the next {@code --option}). Unknown, repeated and value-less options are usage errors.
 */
final class CliOptions {

    enum Arity { FLAG, ONE, MANY }

    private final String command;
    private final Map<String, List<String>> values;

    private CliOptions(String command, Map<String, List<String>> values) {
        this.command = command;
        this.values = values;
    }

    /** @param spec option name (with {@code --}) → arity */
    static CliOptions parse(String command, List<String> args, Map<String, Arity> spec) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        int i = 0;
        while (i < args.size()) {
            String name = args.get(i);
            Arity arity = spec.get(name);
            if (arity == null) {
                throw new CliException(name.startsWith("--")
                        ? command + ": unknown option " + name + " (options: " + String.join(", ", spec.keySet()) + ")"
                        : command + ": unexpected argument \"" + name + "\" (values follow an option such as --input)");
            }
            if (values.containsKey(name)) {
                throw new CliException(command + ": " + name + " is given twice"
                        + (arity == Arity.MANY ? " (list every value after one " + name + ")" : ""));
            }
            i++;
            List<String> taken = new ArrayList<>();
            while (arity != Arity.FLAG && i < args.size() && !args.get(i).startsWith("--")
                    && (arity == Arity.MANY || taken.isEmpty())) {
                taken.add(args.get(i++));
            }
            if (arity != Arity.FLAG && taken.isEmpty()) {
                throw new CliException(command + ": " + name + " needs a value");
            }
            values.put(name, List.copyOf(taken));
        }
        return new CliOptions(command, values);
    }

    List<String> required(String name) {
        List<String> list = values.get(name);
        if (list == null) {
            throw new CliException(command + ": " + name + " is required");
        }
        return list;
    }

    Optional<String> optional(String name) {
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    /** A positive whole number, or {@code fallback} when the option is absent. */
    int positiveInt(String name, int fallback) {
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException(command + ": " + name + " must be a positive whole number, was \"" + text.get() + "\"");
    }

    static Map<String, Arity> spec(Object... nameArityPairs) {
        Map<String, Arity> spec = new LinkedHashMap<>();
        for (int i = 0; i < nameArityPairs.length; i += 2) {
            spec.put((String) nameArityPairs[i], (Arity) nameArityPairs[i + 1]);
        }
        return spec;
    }
}
