package org.eventdedup.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eventdedup.offline.CliException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output rule of every command that writes a file. Devices are never the machine's own: as root the test makes
 * a private null device with mknod; as a normal user it links to {@code /dev/zero}, which it could not replace even
 * if the rule were broken.
 */
class OutputTargetTest {

    @TempDir
    Path dir;

    private final PrintStream stdout = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void a_regular_file_is_replaced_in_one_step_and_no_temporary_file_stays() throws IOException {
        Path file = dir.resolve("result.json");
        Files.writeString(file, "old");

        OutputTarget.of("match", "--output", file.toString()).write(out -> out.write(bytes("new")), stdout);

        assertThat(Files.readString(file)).isEqualTo("new");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void a_failure_while_writing_leaves_the_old_file_whole() throws IOException {
        Path file = dir.resolve("result.json");
        Files.writeString(file, "old");
        OutputTarget target = OutputTarget.of("match", "--output", file.toString());

        assertThatThrownBy(() -> target.write(out -> {
            out.write(bytes("half"));
            throw new IOException("disk full");
        }, stdout)).hasMessage("disk full");

        assertThat(Files.readString(file)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void a_fifo_is_written_into_and_stays_a_fifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        run("mkfifo", fifo.toString());
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        OutputTarget.of("match", "--output", fifo.toString()).write(out -> out.write(bytes("through the pipe")),
                stdout);

        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("through the pipe");
        assertThat(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther()).as("still a FIFO").isTrue();
    }

    @Test
    void through_a_symbolic_link_to_a_character_device_the_device_is_written_and_neither_is_replaced()
            throws Exception {
        Path device = characterDevice();
        Path link = Files.createSymbolicLink(dir.resolve("out.json"), device);

        OutputTarget.of("match", "--output", link.toString()).write(out -> out.write(bytes("discarded")), stdout);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(device);
        assertThat(Files.readAttributes(device, java.nio.file.attribute.BasicFileAttributes.class).isOther()).as("still a device").isTrue();
        assertThat(Files.isRegularFile(device, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void through_a_symbolic_link_to_a_regular_file_the_file_is_replaced_and_the_link_stays() throws IOException {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);

        OutputTarget.of("match", "--output", link.toString()).write(out -> out.write(bytes("new")), stdout);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
    }

    @Test
    void a_dash_is_standard_output() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        OutputTarget target = OutputTarget.of("match", "--output", "-");

        target.write(out -> out.write(bytes("to stdout")), new PrintStream(buffer, true, StandardCharsets.UTF_8));

        assertThat(target.isStandardOutput()).isTrue();
        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo("to stdout");
    }

    @Test
    void a_directory_a_path_under_a_file_and_a_folder_that_takes_no_files_are_refused_before_any_work()
            throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");

        assertThatThrownBy(() -> OutputTarget.of("match", "--output", dir.toString()))
                .isInstanceOf(CliException.class)
                .hasMessage("match: --output " + dir + " is a directory; name a file (or - for standard output)");
        assertThatThrownBy(() -> OutputTarget.of("match", "--output", file.resolve("out.json").toString()))
                .isInstanceOf(CliException.class)
                .hasMessage("match: --output " + file.resolve("out.json") + " cannot be created: " + file
                        + " is not a directory");
        // /proc/self takes no new files, not even from root
        assertThatThrownBy(() -> OutputTarget.of("match", "--output", "/proc/self/result.json"))
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith("match: --output /proc/self/result.json cannot be written: the directory"
                        + " /proc/self does not take new files");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    /** A character device of this test's own, or one no normal user could replace. */
    private Path characterDevice() throws Exception {
        if ("root".equals(System.getProperty("user.name"))) {
            Path device = dir.resolve("null-device");
            run("mknod", device.toString(), "c", "1", "3");
            return device;
        }
        return Path.of("/dev/zero");
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
