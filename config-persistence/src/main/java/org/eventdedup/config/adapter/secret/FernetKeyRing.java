package org.eventdedup.config.adapter.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The configured Fernet keys, MultiFernet style: the first (primary) key encrypts, every key decrypts, in order.
 * Rotation = put a new key first, re-encrypt, then drop the old ones.
 */
public final class FernetKeyRing {

    /** The variable operators set; named in error messages so they know where to look. */
    static final String VARIABLE = "EVENT_DEDUP_ENCRYPTION_KEY";

    // the variable separates keys with commas; a key file may also put one key per line
    private static final Pattern SEPARATOR = Pattern.compile("[,\\r\\n]");

    private final List<FernetKey> keys;

    private FernetKeyRing(List<FernetKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * Parses one or more keys separated by commas (or line breaks); blank entries are skipped.
     *
     * @throws IllegalArgumentException naming {@value #VARIABLE} and the position of a bad key, never its text
     */
    public static FernetKeyRing parse(String keys) {
        return parse(keys, VARIABLE);
    }

    /** As {@link #parse(String)}, with {@code source} (a variable or file) named in error messages. */
    static FernetKeyRing parse(String keys, String source) {
        List<String> texts = keys == null ? List.of()
                : SEPARATOR.splitAsStream(keys).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no Fernet key");
        }
        List<FernetKey> parsed = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                parsed.add(FernetKey.decode(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": key " + (i + 1) + " of " + texts.size() + " "
                        + e.getMessage() + " (expected 32 bytes as url-safe base64, 44 characters ending in '=',"
                        + " e.g. from the generate-key command)");
            }
        }
        return new FernetKeyRing(parsed);
    }

    /** How many keys can decrypt. */
    public int size() {
        return keys.size();
    }

    /** The key that encrypts. */
    FernetKey primary() {
        return keys.get(0);
    }

    /** Every key, primary first: the order in which decryption tries them. */
    List<FernetKey> all() {
        return keys;
    }

    @Override
    public String toString() {
        return "FernetKeyRing[" + keys.size() + " key(s)]";
    }
}
