package org.eventdedup.config.adapter.persistence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the database is and how to log in. {@code jdbcUrl} never holds credentials: {@link #parse} moves them into
 * {@code user} and {@code password}, so the URL can be logged; {@link #toString()} redacts the password.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://host[:port][,host2[:port2]]/database[?params]}, without user or password
 * @param user     login role, or null to let the driver choose
 * @param password password, or null (trust or peer authentication)
 */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    public static final String URL_VARIABLE = "EVENT_DEDUP_DATABASE_URL";
    public static final String USER_VARIABLE = "EVENT_DEDUP_DATABASE_USER";
    public static final String PASSWORD_VARIABLE = "EVENT_DEDUP_DATABASE_PASSWORD";

    private static final String JDBC_PREFIX = "jdbc:postgresql://";
    private static final String EXPECTED_FORMS =
            "expected jdbc:postgresql://host:port/database or postgresql://user:password@host:port/database";

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException("jdbcUrl must start with " + JDBC_PREFIX);
        }
    }

    /**
     * Reads {@value #URL_VARIABLE}, {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE}.
     *
     * @return empty when no URL is set (the caller then starts the embedded database)
     * @throws IllegalArgumentException when the URL is set but unusable
     */
    public static Optional<DatabaseSettings> fromEnvironment(Map<String, String> environment) {
        String url = environment.get(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parse(url, environment.get(USER_VARIABLE), environment.get(PASSWORD_VARIABLE)));
    }

    /**
     * Accepts {@code jdbc:postgresql://…}, {@code postgresql://…} and {@code postgres://…} (the libpq form used by
     * most hosting providers). Credentials in the URL (user info or {@code user}/{@code password} query parameters,
     * percent-encoded) win over {@code fallbackUser}/{@code fallbackPassword}, which come from
     * {@value #USER_VARIABLE}/{@value #PASSWORD_VARIABLE}.
     *
     * @throws IllegalArgumentException naming {@value #URL_VARIABLE} and what is wrong; never echoes the password
     */
    public static DatabaseSettings parse(String url, String fallbackUser, String fallbackPassword) {
        if (url == null || url.isBlank()) {
            throw invalid("is empty; " + EXPECTED_FORMS);
        }
        String trimmed = url.strip();
        String rest = stripScheme(trimmed);

        // User info ends at the last '@' before the query, so an unencoded '/' or '@' in a password still parses.
        int firstQuestion = rest.indexOf('?');
        int at = rest.lastIndexOf('@', firstQuestion < 0 ? rest.length() : firstQuestion);
        String user = null;
        String password = null;
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password");
        }

        int pathStart = rest.indexOf('/');
        int queryStart = rest.indexOf('?');
        if (queryStart >= 0 && (pathStart < 0 || queryStart < pathStart)) {
            throw invalid("has no database name (…/database); " + EXPECTED_FORMS);
        }
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String pathAndQuery = pathStart < 0 ? "" : rest.substring(pathStart + 1);
        int pathQuery = pathAndQuery.indexOf('?');
        String database = pathQuery < 0 ? pathAndQuery : pathAndQuery.substring(0, pathQuery);
        String query = pathQuery < 0 ? "" : pathAndQuery.substring(pathQuery + 1);
        checkHosts(authority);
        if (database.isEmpty()) {
            throw invalid("has no database name (…/database); " + EXPECTED_FORMS);
        }

        List<String> keptParameters = new ArrayList<>();
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq);
            String value = eq < 0 ? "" : parameter.substring(eq + 1);
            if (name.equals("user")) {
                user = user != null ? user : decode(value, "user name");
            } else if (name.equals("password")) {
                password = password != null ? password : decode(value, "password");
            } else {
                keptParameters.add(parameter);
            }
        }
        user = emptyToNull(user != null ? user : fallbackUser);
        password = emptyToNull(password != null ? password : fallbackPassword);

        String jdbcUrl = JDBC_PREFIX + authority + "/" + database
                + (keptParameters.isEmpty() ? "" : "?" + String.join("&", keptParameters));
        return new DatabaseSettings(jdbcUrl, user, password);
    }

    /** The same server and login, another database (tests create one per class). */
    public DatabaseSettings withDatabase(String databaseName) {
        if (databaseName == null || !databaseName.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException(
                    "database name must be letters, digits and underscores, got \"" + databaseName + "\"");
        }
        String rest = jdbcUrl.substring(JDBC_PREFIX.length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int question = rest.indexOf('?');
        String query = question < 0 ? "" : rest.substring(question);
        return new DatabaseSettings(JDBC_PREFIX + authority + "/" + databaseName + query, user, password);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
                + (password == null ? "none" : "***") + "]";
    }

    private static String stripScheme(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (String prefix : List.of(JDBC_PREFIX, "postgresql://", "postgres://")) {
            if (lower.startsWith(prefix)) {
                return url.substring(prefix.length());
            }
        }
        int colon = url.indexOf(':');
        // Only the scheme is echoed: the rest may hold a password.
        String scheme = colon > 0 && colon < 30 ? url.substring(0, colon) : "none";
        throw invalid("has an unsupported scheme \"" + scheme + "\"; " + EXPECTED_FORMS);
    }

    private static void checkHosts(String authority) {
        if (authority.isEmpty()) {
            throw invalid("has no host; " + EXPECTED_FORMS);
        }
        for (String hostAndPort : authority.split(",", -1)) {
            String port;
            if (hostAndPort.startsWith("[")) {
                int close = hostAndPort.indexOf(']');
                if (close < 0) {
                    throw invalid("has an IPv6 host without a closing ]");
                }
                port = hostAndPort.length() > close + 1 && hostAndPort.charAt(close + 1) == ':'
                        ? hostAndPort.substring(close + 2) : null;
                if (close == 1) {
                    throw invalid("has no host; " + EXPECTED_FORMS);
                }
            } else {
                int colon = hostAndPort.lastIndexOf(':');
                port = colon < 0 ? null : hostAndPort.substring(colon + 1);
                if ((colon < 0 ? hostAndPort : hostAndPort.substring(0, colon)).isEmpty()) {
                    throw invalid("has no host; " + EXPECTED_FORMS);
                }
            }
            if (port != null && !validPort(port)) {
                throw invalid("has an invalid port \"" + port + "\" (expected 1-65535)");
            }
        }
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65535;
    }

    /** RFC 3986 percent-decoding; unlike URLDecoder a '+' stays a '+' (passwords often contain one). */
    private static String decode(String encoded, String what) {
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
            int low = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
            if (high < 0 || low < 0) {
                // The value itself is not echoed: it may be the password.
                throw invalid("has an invalid percent-encoding in the " + what + " (use %XX with two hex digits)");
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(URL_VARIABLE + " " + problem);
    }
}
