package org.eventdedup.config.domain.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eventdedup.config.domain.model.SecretString;

/**
 * Basic credentials verified recently, so Argon2 (deliberately slow) does not run on every scripted request. Keyed by
 * an HMAC-SHA256 of name and password under a random per-process key: the plain password is never kept, and the keys
 * are useless outside this process. Each hit names the stored hash that was verified; the caller checks it is still
 * the stored one, so a new password or a disabled operator takes effect at once.
 */
final class VerifiedCredentials {
    static final int MAX_ENTRIES = 1000;

    record Entry(String operatorName, String passwordHash, Instant expiresAt) {
        @Override
        public String toString() {
            return "Entry[operatorName=" + operatorName + ", passwordHash=***, expiresAt=" + expiresAt + "]";
        }
    }

    private final Duration ttl;
    private final byte[] macKey = new byte[32];
    // insertion order: the eldest entries go first when full
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    VerifiedCredentials(Duration ttl, SecureRandom random) {
        this.ttl = ttl;
        random.nextBytes(macKey);
    }

    String key(String name, SecretString password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.reveal().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
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

    synchronized void put(String key, String operatorName, String passwordHash, Instant now) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
            Iterator<String> eldest = entries.keySet().iterator();
            while (entries.size() >= MAX_ENTRIES && eldest.hasNext()) {
                eldest.next();
                eldest.remove();
            }
        }
        entries.remove(key);
        entries.put(key, new Entry(operatorName, passwordHash, now.plus(ttl)));
    }

    synchronized void remove(String key) {
        entries.remove(key);
    }

    synchronized int size() {
        return entries.size();
    }
}
