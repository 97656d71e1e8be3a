package org.eventdedup.config.adapter.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.eventdedup.config.domain.model.SecretString;
import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {

    /** The reference implementation's vector (phc-winner-argon2 src/test.c): "password", salt "somesalt". */
    static final String REFERENCE =
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    static final String REFERENCE_HEX = "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7";
    /** Same source, a small memory size. */
    static final String REFERENCE_SMALL =
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

    private final Argon2PasswordHasher hasher = new Argon2PasswordHasher();

    @Test
    void derives_the_reference_vector() {
        byte[] hash = Argon2PasswordHasher.derive(SecretString.of("password"),
                "somesalt".getBytes(StandardCharsets.US_ASCII), 65536, 2, 1, 32);

        assertThat(HexFormat.of().formatHex(hash)).isEqualTo(REFERENCE_HEX);
    }

    @Test
    void verifies_the_reference_phc_strings() {
        assertThat(hasher.verify(SecretString.of("password"), REFERENCE)).isTrue();
        assertThat(hasher.verify(SecretString.of("password"), REFERENCE_SMALL)).isTrue();
        assertThat(hasher.verify(SecretString.of("passwore"), REFERENCE_SMALL)).isFalse();
    }

    @Test
    void hashes_with_the_owasp_parameters_and_a_fresh_salt() {
        String one = hasher.hash(SecretString.of("correct horse"));
        String two = hasher.hash(SecretString.of("correct horse"));

        assertThat(one).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(one).isNotEqualTo(two).doesNotContain("correct horse");
        assertThat(hasher.verify(SecretString.of("correct horse"), one)).isTrue();
        assertThat(hasher.verify(SecretString.of("correct horse"), two)).isTrue();
        assertThat(hasher.verify(SecretString.of("correct horsf"), one)).isFalse();
    }

    @Test
    void unicode_passwords_are_hashed_as_utf8() {
        String hash = hasher.hash(SecretString.of("pässwörd-密码"));

        assertThat(hasher.verify(SecretString.of("pässwörd-密码"), hash)).isTrue();
        assertThat(hasher.verify(SecretString.of("passwort-密码"), hash)).isFalse();
    }

    @Test
    void foreign_or_corrupt_strings_never_verify_and_never_throw() {
        SecretString password = SecretString.of("password");
        for (String bad : new String[] {null, "", "password", "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$x",
                REFERENCE.replace("v=19", "v=16"), REFERENCE.replace("m=65536", "m=99999999"),
                REFERENCE.replace("t=2", "t=0"), REFERENCE.replace("p=1", "p=999"),
                REFERENCE.replace("$c29tZXNhbHQ$", "$c29tZXNhbHQ=$"), REFERENCE + "x",
                "$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ012"}) {
            assertThat(hasher.verify(password, bad)).as(String.valueOf(bad)).isFalse();
        }
    }

    @Test
    void to_string_shows_the_parameters_only() {
        assertThat(hasher.toString()).contains("19456").contains("t=2").contains("p=1");
    }
}
