package org.eventdedup.config.domain.rule;

import java.util.List;
import org.eventdedup.config.domain.model.Operator;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.model.Violation;

/** The rules for operator names and passwords, shared by the service and by adapters that report all problems at once. */
public final class OperatorRules {

    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private OperatorRules() {
    }

    /** A violation at {@code /name}, or none. */
    public static List<Violation> checkName(String name) {
        if (name == null || name.isEmpty()) {
            return List.of(new Violation("/name", "is required"));
        }
        if (!Operator.NAME.matcher(name).matches()) {
            return List.of(new Violation("/name", "must be 1 to 64 letters, digits or . _ @ -, starting with a letter"
                    + " or digit, got '" + shown(name) + "'"));
        }
        return List.of();
    }

    /** A violation at {@code /password}, or none; a null password is fine when not required. */
    public static List<Violation> checkPassword(SecretString password, boolean required) {
        if (password == null) {
            return required ? List.of(new Violation("/password", "is required")) : List.of();
        }
        String text = password.reveal();
        int length = text.codePointCount(0, text.length());
        if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
            return List.of(new Violation("/password", "must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH
                    + " characters, got " + length));
        }
        // hashed as UTF-8, where an unpaired surrogate becomes '?': "a\ud800b" would also open with "a?b"
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return List.of(new Violation("/password", "must be Unicode text (found an unpaired surrogate)"));
            }
        }
        return List.of();
    }

    /** A name as it may appear in a message: at most 64 characters, no control characters. */
    public static String shown(String name) {
        String clean = name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
