package org.eventdedup.config.adapter.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.out.SecretDecryptionException;
import org.junit.jupiter.api.Test;

/** MultiFernet semantics: the first key encrypts, every key decrypts; rotation re-encrypts with the first. */
class MultiKeyTest {

    private static final String OLD = FernetKey.generate();
    private static final String NEW = FernetKey.generate();
    private static final SecretString SECRET = SecretString.of("AIzaSyD-rotate-me");

    private final FernetSecretCipher before = new FernetSecretCipher(FernetKeyRing.parse(OLD));
    private final FernetSecretCipher during = new FernetSecretCipher(FernetKeyRing.parse(NEW + "," + OLD));
    private final FernetSecretCipher after = new FernetSecretCipher(FernetKeyRing.parse(NEW));

    @Test
    void old_key_still_decrypts_and_new_key_encrypts() {
        String oldToken = before.encrypt(SECRET);
        String newToken = during.encrypt(SECRET);

        assertThat(during.decrypt(oldToken)).isEqualTo(SECRET);
        assertThat(after.decrypt(newToken)).isEqualTo(SECRET);
        assertThatThrownBy(() -> before.decrypt(newToken)).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void needs_reencryption_for_old_key_tokens_and_legacy_plain_values() {
        assertThat(during.needsReencryption(before.encrypt(SECRET))).isTrue();
        assertThat(during.needsReencryption("plain:AIza-legacy")).isTrue();
        assertThat(during.needsReencryption(during.encrypt(SECRET))).isFalse();
    }

    @Test
    void needs_reencryption_for_tokens_no_key_opens() {
        assertThat(during.needsReencryption("garbage")).isTrue();
        assertThat(during.needsReencryption(new FernetSecretCipher(FernetKeyRing.parse(FernetKey.generate()))
                .encrypt(SECRET))).isTrue();
    }

    @Test
    void rotation_round_trip_ends_readable_with_the_new_key_alone() {
        String stored = before.encrypt(SECRET);

        String rotated = during.needsReencryption(stored) ? during.encrypt(during.decrypt(stored)) : stored;

        assertThat(after.decrypt(rotated)).isEqualTo(SECRET);
        assertThat(after.needsReencryption(rotated)).isFalse();
    }

    @Test
    void keys_may_be_separated_by_commas_newlines_and_spaces() {
        FernetKeyRing ring = FernetKeyRing.parse(" " + NEW + " ,\n" + OLD + "\n,");

        assertThat(ring.size()).isEqualTo(2);
        assertThat(new FernetSecretCipher(ring).decrypt(before.encrypt(SECRET))).isEqualTo(SECRET);
    }
}
