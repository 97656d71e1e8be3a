package org.eventdedup.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.secret.FernetKeyRing;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.model.Violation;
import org.eventdedup.config.domain.rule.OperatorRules;

/**
 * Every {@code EVENT_DEDUP_*} environment variable of contract §4, parsed and checked in one place. A bad value is a
 * {@link UsageException} naming the variable; secrets never appear in messages or in {@link #toString()}. Blank values
 * count as unset.
 */
public record AppSettings(
        Optional<DatabaseSettings> database,
        Path dataDir,
        Path eventDataDir,
        Path deadLetterDir,
        Path matchingConfigPath,
        Optional<SecretString> geminiApiKey,
        URI geminiBaseUrl,
        Optional<SecretString> encryptionKey,
        Path encryptionKeyFile,
        int httpPort,
        String adminUser,
        Optional<SecretString> adminPassword,
        Duration sessionIdle,
        Duration sessionMax,
        boolean logJson,
        LogLevel logLevel,
        int workerMaxFilesPerRun,
        List<String> unknownVariables) {

    public static final String PREFIX = "EVENT_DEDUP_";
    public static final String DATABASE_URL = PREFIX + "DATABASE_URL";
    public static final String DATABASE_USER = PREFIX + "DATABASE_USER";
    public static final String DATABASE_PASSWORD = PREFIX + "DATABASE_PASSWORD";
    public static final String DATA_DIR = PREFIX + "DATA_DIR";
    public static final String EVENT_DATA_DIR = PREFIX + "EVENT_DATA_DIR";
    public static final String DEAD_LETTER_DIR = PREFIX + "DEAD_LETTER_DIR";
    public static final String MATCHING_CONFIG_PATH = PREFIX + "MATCHING_CONFIG_PATH";
    public static final String GEMINI_API_KEY = PREFIX + "GEMINI_API_KEY";
    public static final String GEMINI_BASE_URL = PREFIX + "GEMINI_BASE_URL";
    public static final String ENCRYPTION_KEY = PREFIX + "ENCRYPTION_KEY";
    public static final String ENCRYPTION_KEY_FILE = PREFIX + "ENCRYPTION_KEY_FILE";
    public static final String HTTP_PORT = PREFIX + "HTTP_PORT";
    public static final String ADMIN_USER = PREFIX + "ADMIN_USER";
    public static final String ADMIN_PASSWORD = PREFIX + "ADMIN_PASSWORD";
    public static final String SESSION_IDLE_MINUTES = PREFIX + "SESSION_IDLE_MINUTES";
    public static final String SESSION_MAX_HOURS = PREFIX + "SESSION_MAX_HOURS";
    public static final String LOG_JSON = PREFIX + "LOG_JSON";
    public static final String LOG_LEVEL = PREFIX + "LOG_LEVEL";
    public static final String WORKER_MAX_FILES_PER_RUN = PREFIX + "WORKER_MAX_FILES_PER_RUN";
    /** Read by the test support only; listed so it is not reported as unknown. */
    public static final String TEST_DATABASE_URL = PREFIX + "TEST_DATABASE_URL";

    private static final Set<String> KNOWN = Set.of(DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD, DATA_DIR,
            EVENT_DATA_DIR, DEAD_LETTER_DIR, MATCHING_CONFIG_PATH, GEMINI_API_KEY, GEMINI_BASE_URL, ENCRYPTION_KEY,
            ENCRYPTION_KEY_FILE, HTTP_PORT, ADMIN_USER, ADMIN_PASSWORD, SESSION_IDLE_MINUTES, SESSION_MAX_HOURS, LOG_JSON,
            LOG_LEVEL, WORKER_MAX_FILES_PER_RUN, TEST_DATABASE_URL);

    public static final String DEFAULT_GEMINI_BASE_URL = "https://generativelanguage.googleapis.com/";
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_WORKER_MAX_FILES_PER_RUN = 200;
    public static final int DEFAULT_SESSION_IDLE_MINUTES = 30;
    public static final int DEFAULT_SESSION_MAX_HOURS = 12;
    static final int MAX_SESSION_IDLE_MINUTES = 24 * 60;
    static final int MAX_SESSION_MAX_HOURS = 30 * 24;

    public enum LogLevel { TRACE, DEBUG, INFO, WARN, ERROR }

    public AppSettings {
        unknownVariables = List.copyOf(unknownVariables);
    }

    /** Parses the environment; throws {@link UsageException} naming the first bad variable. */
    public static AppSettings fromEnvironment(Map<String, String> env) {
        Map<String, String> vars = nonBlank(env);
        Path dataDir = path(vars, DATA_DIR, "./data");
        int idleMinutes = wholeNumber(vars, SESSION_IDLE_MINUTES, DEFAULT_SESSION_IDLE_MINUTES, MAX_SESSION_IDLE_MINUTES,
                "minutes");
        int maxHours = wholeNumber(vars, SESSION_MAX_HOURS, DEFAULT_SESSION_MAX_HOURS, MAX_SESSION_MAX_HOURS, "hours");
        if (Duration.ofMinutes(idleMinutes).compareTo(Duration.ofHours(maxHours)) > 0) {
            throw new UsageException(SESSION_IDLE_MINUTES + " (" + idleMinutes + " minutes) must not exceed "
                    + SESSION_MAX_HOURS + " (" + maxHours + " hours)");
        }
        return new AppSettings(
                database(vars),
                dataDir,
                path(vars, EVENT_DATA_DIR, "./eventdata"),
                path(vars, DEAD_LETTER_DIR, "./dead_letters"),
                path(vars, MATCHING_CONFIG_PATH, "config/matching.yaml"),
                secret(vars, GEMINI_API_KEY),
                httpUrl(vars, GEMINI_BASE_URL, DEFAULT_GEMINI_BASE_URL),
                encryptionKey(vars),
                vars.containsKey(ENCRYPTION_KEY_FILE) ? path(vars, ENCRYPTION_KEY_FILE, null)
                        : dataDir.resolve("encryption.key"),
                port(vars),
                adminUser(vars),
                adminPassword(vars),
                Duration.ofMinutes(idleMinutes),
                Duration.ofHours(maxHours),
                bool(vars, LOG_JSON, false),
                logLevel(vars),
                maxFilesPerRun(vars),
                unknown(vars));
    }

    /** The same settings on another database (tests and the benchmark use a scratch database). */
    public AppSettings withDatabase(DatabaseSettings value) {
        return new AppSettings(Optional.of(value), dataDir, eventDataDir, deadLetterDir, matchingConfigPath,
                geminiApiKey, geminiBaseUrl, encryptionKey, encryptionKeyFile, httpPort, adminUser, adminPassword,
                sessionIdle, sessionMax, logJson, logLevel, workerMaxFilesPerRun, unknownVariables);
    }

    /** The same settings with these encryption keys (comma-separated, first encrypts), so no key file is written. */
    public AppSettings withEncryptionKey(SecretString value) {
        return new AppSettings(database, dataDir, eventDataDir, deadLetterDir, matchingConfigPath, geminiApiKey,
                geminiBaseUrl, Optional.of(value), encryptionKeyFile, httpPort, adminUser, adminPassword, sessionIdle,
                sessionMax, logJson, logLevel, workerMaxFilesPerRun, unknownVariables);
    }

    /** The same settings with this bootstrap admin password (the benchmarks sign in as that admin). */
    public AppSettings withAdminPassword(SecretString value) {
        return new AppSettings(database, dataDir, eventDataDir, deadLetterDir, matchingConfigPath, geminiApiKey,
                geminiBaseUrl, encryptionKey, encryptionKeyFile, httpPort, adminUser, Optional.of(value), sessionIdle,
                sessionMax, logJson, logLevel, workerMaxFilesPerRun, unknownVariables);
    }

    @Override
    public String toString() {
        return "AppSettings[database=" + (database.isPresent() ? "external" : "embedded") + ", dataDir=" + dataDir
                + ", eventDataDir=" + eventDataDir + ", deadLetterDir=" + deadLetterDir + ", matchingConfigPath="
                + matchingConfigPath + ", geminiApiKey=" + (geminiApiKey.isPresent() ? "set" : "unset")
                + ", geminiBaseUrl=" + geminiBaseUrl + ", encryptionKey=" + (encryptionKey.isPresent() ? "set" : "unset")
                + ", encryptionKeyFile=" + encryptionKeyFile + ", httpPort=" + httpPort + ", adminUser=" + adminUser
                + ", adminPassword=" + (adminPassword.isPresent() ? "set" : "unset") + ", sessionIdle=" + sessionIdle
                + ", sessionMax=" + sessionMax + ", logJson=" + logJson + ", logLevel=" + logLevel
                + ", workerMaxFilesPerRun=" + workerMaxFilesPerRun + "]";
    }

    private static Map<String, String> nonBlank(Map<String, String> env) {
        Map<String, String> vars = new java.util.HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && value != null && !value.isBlank()) {
                vars.put(name, value.strip());
            }
        });
        return vars;
    }

    private static Optional<DatabaseSettings> database(Map<String, String> vars) {
        String url = vars.get(DATABASE_URL);
        if (url == null) {
            return Optional.empty();
        }
        String password = vars.get(DATABASE_PASSWORD);
        try {
            return Optional.of(DatabaseSettings.parse(url, vars.get(DATABASE_USER), password));
        } catch (IllegalArgumentException e) {
            throw new UsageException(named(DATABASE_URL, withoutDatabaseSecrets(e.getMessage(), password)));
        }
    }

    private static final Pattern URL_CREDENTIALS = Pattern.compile("://(?!user:password@)[^/@\\s]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s]*");

    /** The parser's message may quote the URL, which can hold a password: keep only what is safe to print. */
    static String withoutDatabaseSecrets(String message, String password) {
        String safe = message == null ? "invalid" : message;
        if (password != null) {
            safe = safe.replace(password, "***");
        }
        safe = URL_CREDENTIALS.matcher(safe).replaceAll("://***@");
        safe = PASSWORD_PARAMETER.matcher(safe).replaceAll("$1***");
        return oneLine(safe);
    }

    private static Optional<SecretString> encryptionKey(Map<String, String> vars) {
        String value = vars.get(ENCRYPTION_KEY);
        if (value == null) {
            return Optional.empty();
        }
        try {
            FernetKeyRing.parse(value);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "is not a list of Fernet keys" : e.getMessage();
            for (String key : value.split("[,\\r\\n]")) {
                if (!key.isBlank()) {
                    message = message.replace(key.strip(), "***");
                }
            }
            throw new UsageException(named(ENCRYPTION_KEY, oneLine(message)));
        }
        return Optional.of(SecretString.of(value));
    }

    private static String adminUser(Map<String, String> vars) {
        String name = vars.getOrDefault(ADMIN_USER, "admin");
        List<Violation> problems = OperatorRules.checkName(name);
        if (!problems.isEmpty()) {
            throw new UsageException(ADMIN_USER + " " + problems.get(0).message());
        }
        return name;
    }

    /** Checked here so a bad value stops the start, not the first sign-in; the message never holds the value. */
    private static Optional<SecretString> adminPassword(Map<String, String> vars) {
        Optional<SecretString> password = secret(vars, ADMIN_PASSWORD);
        if (password.isPresent()) {
            List<Violation> problems = OperatorRules.checkPassword(password.get(), true);
            if (!problems.isEmpty()) {
                throw new UsageException(ADMIN_PASSWORD + " " + problems.get(0).message());
            }
        }
        return password;
    }

    private static Optional<SecretString> secret(Map<String, String> vars, String name) {
        return Optional.ofNullable(vars.get(name)).map(SecretString::of);
    }

    private static Path path(Map<String, String> vars, String name, String defaultValue) {
        String value = vars.getOrDefault(name, defaultValue);
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(name + " is not a valid path: " + oneLine(e.getReason()));
        }
    }

    private static URI httpUrl(Map<String, String> vars, String name, String defaultValue) {
        String value = vars.getOrDefault(name, defaultValue);
        try {
            URI uri = new URI(value);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new UsageException(name + " must be an http(s) URL with a host, got \"" + oneLine(value) + "\"");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException(name + " is not a valid URL: " + oneLine(e.getMessage()));
        }
    }

    private static int port(Map<String, String> vars) {
        String value = vars.get(HTTP_PORT);
        if (value == null) {
            return DEFAULT_HTTP_PORT;
        }
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(HTTP_PORT + " must be a port number between 0 and 65535, got \""
                    + oneLine(value) + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException(HTTP_PORT + " must be a port number between 0 and 65535, got " + port);
        }
        return port;
    }

    private static int maxFilesPerRun(Map<String, String> vars) {
        String value = vars.get(WORKER_MAX_FILES_PER_RUN);
        if (value == null) {
            return DEFAULT_WORKER_MAX_FILES_PER_RUN;
        }
        try {
            int files = Integer.parseInt(value);
            if (files >= 1 && files <= 10_000) {
                return files;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(WORKER_MAX_FILES_PER_RUN + " must be a whole number from 1 to 10000, got \""
                + oneLine(value) + "\"");
    }

    /** A whole number from 1 to {@code max}, or the default when unset. */
    private static int wholeNumber(Map<String, String> vars, String name, int defaultValue, int max, String unit) {
        String value = vars.get(name);
        if (value == null) {
            return defaultValue;
        }
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number of " + unit + " from 1 to " + max + ", got \""
                    + oneLine(value) + "\"");
        }
        if (number < 1 || number > max) {
            throw new UsageException(name + " must be a whole number of " + unit + " from 1 to " + max + ", got "
                    + number);
        }
        return (int) number;
    }

    private static boolean bool(Map<String, String> vars, String name, boolean defaultValue) {
        String value = vars.get(name);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new UsageException(name + " must be true or false, got \"" + oneLine(value) + "\"");
        };
    }

    private static LogLevel logLevel(Map<String, String> vars) {
        String value = vars.getOrDefault(LOG_LEVEL, "INFO");
        try {
            return LogLevel.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(LOG_LEVEL + " must be one of TRACE, DEBUG, INFO, WARN, ERROR, got \""
                    + oneLine(value) + "\"");
        }
    }

    private static List<String> unknown(Map<String, String> vars) {
        Set<String> unknown = new TreeSet<>(vars.keySet());
        unknown.removeAll(KNOWN);
        return new ArrayList<>(unknown);
    }

    /** Adapter messages usually start with the variable's name already; add it where they don't. */
    private static String named(String variable, String message) {
        return message.startsWith(variable) ? message : variable + ": " + message;
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
