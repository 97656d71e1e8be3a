package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real embedded start cannot be tested here: the build runs as root, PostgreSQL refuses root, and tests have no
 * other user to switch to. What can be tested is that the refusal comes first, fast and with a usable message.
 */
class EmbeddedDatabaseTest {

    @Test
    void refuses_to_start_as_root_before_touching_the_data_directory(@TempDir Path dataDir) {
        assumeTrue(EmbeddedDatabase.effectiveUid().orElse(-1) == 0, "only meaningful when the build runs as root");

        assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir))
                .isInstanceOf(EmbeddedDatabaseUnavailableException.class)
                .hasMessageContaining("root")
                .hasMessageContaining("EVENT_DEDUP_DATABASE_URL")
                .hasMessageContaining("normal user")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
    }

    @Test
    void reads_the_effective_uid_from_proc_status() {
        List<String> status = List.of("Name:\tjava", "Umask:\t0022", "Uid:\t1000\t0\t0\t0", "Gid:\t1000\t1000");

        assertThat(EmbeddedDatabase.effectiveUid(status)).isEqualTo(OptionalLong.of(0));
        assertThat(EmbeddedDatabase.effectiveUid(List.of("Name:\tjava"))).isEmpty();
    }

    @Test
    void knows_this_process_uid_on_linux() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")));

        assertThat(EmbeddedDatabase.effectiveUid()).isPresent();
    }
}
