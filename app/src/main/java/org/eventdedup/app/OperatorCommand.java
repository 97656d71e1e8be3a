package org.eventdedup.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.eventdedup.config.domain.model.Operator;
import org.eventdedup.config.domain.model.Role;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.model.Violation;
import org.eventdedup.config.domain.port.in.AccessException;
import org.eventdedup.config.domain.port.in.ConfigException;
import org.eventdedup.config.domain.port.in.OperatorChange;
import org.eventdedup.config.domain.service.AccessService;

/**
 * {@code event-dedup operator add|passwd|disable|enable|list} on the database of EVENT_DEDUP_DATABASE_URL, for
 * whoever runs commands on the host. Passwords come from stdin ({@code --password-stdin}) or are generated and printed
 * once; never from the command line, where other users could read them in the process list.
 */
final class OperatorCommand {
    static final String USAGE = "operator add NAME --role viewer|editor|admin [--password-stdin] | operator passwd NAME"
            + " [--password-stdin] | operator disable NAME | operator enable NAME | operator list";

    private final InputStream in;
    private final PrintStream out;

    OperatorCommand(InputStream in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    /** Parses the arguments fully before touching the database, so a typo never half-runs. */
    int run(List<String> args, java.util.function.Supplier<AppSettings> settings) {
        if (args.isEmpty()) {
            throw new UsageException("operator needs a subcommand: " + USAGE);
        }
        String sub = args.get(0);
        List<String> rest = args.subList(1, args.size());
        Action action = switch (sub) {
            case "add" -> add(rest);
            case "passwd" -> passwd(rest);
            case "disable" -> toggle(rest, "disable", true);
            case "enable" -> toggle(rest, "enable", false);
            case "list" -> {
                if (!rest.isEmpty()) {
                    throw new UsageException("operator list takes no arguments");
                }
                yield this::list;
            }
            default -> throw new UsageException("unknown operator subcommand \"" + shown(sub) + "\": " + USAGE);
        };
        AppSettings resolved = settings.get();
        try (Database database = Database.open(resolved, Database.Mode.EXTERNAL_ONLY, "operator")) {
            action.run(Application.accessService(database.persistence(), resolved));
        } catch (ConfigException e) {
            throw new UsageException(e.violations().stream().map(OperatorCommand::describe)
                    .collect(Collectors.joining("; ")));
        } catch (AccessException e) {
            throw new UsageException(e.getMessage());
        }
        return Main.OK;
    }

    private interface Action {
        void run(AccessService access);
    }

    private Action add(List<String> args) {
        List<String> positional = new ArrayList<>();
        Role role = null;
        boolean stdin = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--role" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--role needs a value: viewer, editor or admin");
                    }
                    String value = args.get(++i);
                    role = Role.parse(value).orElseThrow(() -> new UsageException(
                            "--role must be viewer, editor or admin, got \"" + shown(value) + "\""));
                }
                case "--password-stdin" -> stdin = true;
                default -> positional.add(passwordFlagCheck(arg));
            }
        }
        if (positional.size() != 1) {
            throw new UsageException("operator add needs exactly one NAME: " + USAGE);
        }
        if (role == null) {
            throw new UsageException("operator add needs --role viewer|editor|admin");
        }
        String name = positional.get(0);
        Role chosen = role;
        boolean fromStdin = stdin;
        return access -> {
            SecretString password = fromStdin ? readPassword() : Passwords.generate();
            Operator added = access.add(name, chosen, password);
            out.println("Added " + added.role().wireName() + " '" + added.name() + "'");
            if (!fromStdin) {
                out.println("Password: " + password.reveal());
            }
        };
    }

    private Action passwd(List<String> args) {
        List<String> positional = new ArrayList<>();
        boolean stdin = false;
        for (String arg : args) {
            if (arg.equals("--password-stdin")) {
                stdin = true;
            } else {
                positional.add(passwordFlagCheck(arg));
            }
        }
        if (positional.size() != 1) {
            throw new UsageException("operator passwd needs exactly one NAME: " + USAGE);
        }
        String name = positional.get(0);
        boolean fromStdin = stdin;
        return access -> {
            SecretString password = fromStdin ? readPassword() : Passwords.generate();
            access.change(name, OperatorChange.password(password));
            out.println("Changed the password of '" + name + "' (its sessions have ended)");
            if (!fromStdin) {
                out.println("Password: " + password.reveal());
            }
        };
    }

    private Action toggle(List<String> args, String verb, boolean disabled) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            throw new UsageException("operator " + verb + " needs exactly one NAME: " + USAGE);
        }
        String name = args.get(0);
        return access -> {
            access.change(name, OperatorChange.disabled(disabled));
            out.println((disabled ? "Disabled" : "Enabled") + " '" + name + "'"
                    + (disabled ? " (its sessions have ended)" : ""));
        };
    }

    private void list(AccessService access) {
        List<Operator> operators = access.list();
        out.printf("%-24s %-7s %-9s %-20s %s%n", "NAME", "ROLE", "STATUS", "CREATED", "LAST LOGIN");
        for (Operator o : operators) {
            out.printf("%-24s %-7s %-9s %-20s %s%n", o.name(), o.role().wireName(),
                    o.disabled() ? "disabled" : "enabled", seconds(o.createdAt()),
                    o.lastLoginAt() == null ? "never" : seconds(o.lastLoginAt()));
        }
    }

    private static String seconds(java.time.Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** The first line of stdin, without its line end. */
    private SecretString readPassword() {
        String text;
        try {
            text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read the password from stdin: " + e.getMessage());
        }
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isBlank()) {
            throw new UsageException("--password-stdin: stdin holds no password (one line expected)");
        }
        return SecretString.of(line);
    }

    /** Refuses {@code --password VALUE} and other unknown options, with a hint that never repeats the value. */
    private static String passwordFlagCheck(String arg) {
        if (arg.startsWith("--password")) {
            throw new UsageException("passwords are never taken from the command line (other users can see it):"
                    + " use --password-stdin, or omit it to have one generated");
        }
        if (arg.startsWith("-")) {
            throw new UsageException("unknown option \"" + shown(arg) + "\": " + USAGE);
        }
        return arg;
    }

    private static String describe(Violation v) {
        return v.path().replaceFirst("^/", "") + " " + v.message();
    }

    private static String shown(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > 64 ? flat.substring(0, 64) + "…" : flat;
    }
}
