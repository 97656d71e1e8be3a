package org.eventdedup.config.adapter.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FernetKeyTest {

    @Test
    void generated_key_is_32_urlsafe_base64_bytes_with_padding() {
        String key = FernetKey.generate();

        assertThat(key).hasSize(44).endsWith("=").matches("[A-Za-z0-9_-]{43}=");
        assertThat(Base64.getUrlDecoder().decode(key)).hasSize(32);
        assertThat(FernetKey.generate()).isNotEqualTo(key);
        assertThat(FernetKeyRing.parse(key).size()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4", "cw/0x689RpI+jtRR7oE8h/eQsKImvJapLeSbXpwF4e4=",
            "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4cw_0x689RpI="})
    void invalid_key_names_the_variable_and_position_but_not_the_key(String bad) {
        String good = FernetKey.generate();

        assertThatThrownBy(() -> FernetKeyRing.parse(good + "," + bad + "," + good))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EVENT_DEDUP_ENCRYPTION_KEY")
                .hasMessageContaining("key 2 of 3")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad).doesNotContain(good));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", " ,\n "})
    void no_key_at_all_is_rejected(String keys) {
        assertThatThrownBy(() -> FernetKeyRing.parse(keys))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EVENT_DEDUP_ENCRYPTION_KEY");
    }

    @Test
    void null_is_rejected() {
        assertThatThrownBy(() -> FernetKeyRing.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
