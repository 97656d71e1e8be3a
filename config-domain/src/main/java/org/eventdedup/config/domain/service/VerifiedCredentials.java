package org.eventdedup.config.domain.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eventdedup.config.domain.model.Operator;
import org.eventdedup.config.domain.model.SecretString;

/**
 * Basic credentials verified recently, so Argon2 (deliberately slow) does not run on every scripted request. Keyed by
 * a SHA-256 of a random per-process salt, the name and the password: the plain password is never kept, and the keys
 * are useless outside this process. An entry holds the operator as last read and the stored hash that was verified;
 * the caller re-reads the stored operator when {@link Entry#checkedAt()} is older than the recheck interval, and
 * changes made through this process drop the operator's entries at once ({@link #forget(String)}).
 */
final class VerifiedCredentials {
    static final int MAX_ENTRIES = 1000;

    record Entry(Operator operator, String passwordHash, Instant expiresAt, Instant checkedAt) {
        @Override
        public String toString() {
            return "Entry[operator=" + operator + ", passwordHash=***, expiresAt=" + expiresAt + ", checkedAt="
                    + checkedAt + "]";
        }
    }

    private final Duration ttl;
    private final byte[] salt = new byte[32];
    // insertion order: the eldest entries go first when full
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    VerifiedCredentials(Duration ttl, SecureRandom random) {
        this.ttl = ttl;
        random.nextBytes(salt);
    }

    String key(String name, SecretString password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            // the name's length first: ("ab", "c…") and ("a", "bc…") must not hash alike
            sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(nameBytes.length).array());
            sha.update(nameBytes);
            return Base64.getEncoder().encodeToString(sha.digest(password.reveal().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    synchronized Optional<Entry> get(String key, Instant now) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!now.isBefore(entry.expiresAt())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    synchronized void put(String key, Operator operator, String passwordHash, Instant now) {
        if (!entries.containsKey(key) && entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
            Iterator<String> eldest = entries.keySet().iterator();
            while (entries.size() >= MAX_ENTRIES && eldest.hasNext()) {
                eldest.next();
                eldest.remove();
            }
        }
        entries.put(key, new Entry(operator, passwordHash, now.plus(ttl), now));
    }

    /** Confirms an entry against the stored operator just read: same expiry, fresh check time and role. */
    synchronized void rechecked(String key, Operator operator, Instant now) {
        entries.computeIfPresent(key, (k, e) -> new Entry(operator, e.passwordHash(), e.expiresAt(), now));
    }

    synchronized void remove(String key) {
        entries.remove(key);
    }

    /** Drops every entry of an operator (its password, role or status changed here). */
    synchronized void forget(String operatorName) {
        entries.values().removeIf(e -> e.operator().name().equals(operatorName));
    }

    synchronized int size() {
        return entries.size();
    }
}
