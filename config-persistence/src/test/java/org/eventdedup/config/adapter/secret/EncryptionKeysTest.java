package org.eventdedup.config.adapter.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.eventdedup.config.domain.model.SecretString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class EncryptionKeysTest {

    private static final SecretString SECRET = SecretString.of("AIzaSyD-key-file-test");

    @TempDir
    Path dataDir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(EncryptionKeys.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    @Test
    void environment_value_wins_over_the_key_file() throws Exception {
        String envKey = FernetKey.generate();
        Path keyFile = dataDir.resolve("encryption.key");
        Files.writeString(keyFile, FernetKey.generate());

        FernetKeyRing keys = EncryptionKeys.resolve(envKey, keyFile);

        String token = new FernetSecretCipher(keys).encrypt(SECRET);
        assertThat(new FernetSecretCipher(FernetKeyRing.parse(envKey)).decrypt(token)).isEqualTo(SECRET);
    }

    @Test
    void creates_an_owner_only_key_file_and_reuses_it() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path keyFile = dataDir.resolve("nested/data/encryption.key");

        FernetKeyRing first = EncryptionKeys.resolve(null, keyFile);
        FernetKeyRing second = EncryptionKeys.resolve("  ", keyFile);

        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        String token = new FernetSecretCipher(first).encrypt(SECRET);
        assertThat(new FernetSecretCipher(second).decrypt(token)).isEqualTo(SECRET);
        String stored = Files.readString(keyFile).strip();
        assertThat(new FernetSecretCipher(FernetKeyRing.parse(stored)).decrypt(token)).isEqualTo(SECRET);
        assertThat(Files.list(keyFile.getParent())).containsExactly(keyFile);
    }

    @Test
    void creation_is_logged_with_the_path_and_a_backup_hint_but_never_the_key() throws Exception {
        Path keyFile = dataDir.resolve("encryption.key");

        EncryptionKeys.resolve(null, keyFile);

        String key = Files.readString(keyFile).strip();
        List<String> messages = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(keyFile.toAbsolutePath().toString())
                .containsIgnoringCase("back up"));
        assertThat(messages).noneSatisfy(m -> assertThat(m).contains(key));
    }

    @Test
    void key_file_may_hold_several_keys_one_per_line() throws Exception {
        String newKey = FernetKey.generate();
        String oldKey = FernetKey.generate();
        Path keyFile = dataDir.resolve("encryption.key");
        Files.writeString(keyFile, newKey + "\n" + oldKey + "\n");
        String oldToken = new FernetSecretCipher(FernetKeyRing.parse(oldKey)).encrypt(SECRET);

        FernetSecretCipher cipher = new FernetSecretCipher(EncryptionKeys.resolve(null, keyFile));

        assertThat(cipher.decrypt(oldToken)).isEqualTo(SECRET);
        assertThat(cipher.needsReencryption(oldToken)).isTrue();
        assertThat(new FernetSecretCipher(FernetKeyRing.parse(newKey)).decrypt(cipher.encrypt(SECRET)))
                .isEqualTo(SECRET);
    }

    @Test
    void key_file_readable_by_others_gets_a_warning() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path keyFile = dataDir.resolve("encryption.key");
        String key = FernetKey.generate();
        Files.writeString(keyFile, key);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        EncryptionKeys.resolve(null, keyFile);

        assertThat(log.list).anySatisfy(e -> {
            assertThat(e.getLevel().toString()).isEqualTo("WARN");
            assertThat(e.getFormattedMessage()).contains(keyFile.toString()).contains("rw-r--r--")
                    .doesNotContain(key);
        });
    }

    @Test
    void bad_key_in_the_file_names_the_file_and_position_but_not_the_key() throws Exception {
        Path keyFile = dataDir.resolve("encryption.key");
        Files.writeString(keyFile, FernetKey.generate() + "\nnot-a-key\n");

        assertThatThrownBy(() -> EncryptionKeys.resolve(null, keyFile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(keyFile.toString())
                .hasMessageContaining("key 2 of 2")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-a-key"));
    }

    @Test
    void empty_key_file_is_an_error_rather_than_silently_replaced() throws Exception {
        Path keyFile = dataDir.resolve("encryption.key");
        Files.writeString(keyFile, "\n");

        assertThatThrownBy(() -> EncryptionKeys.resolve(null, keyFile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no Fernet key");
    }
}
