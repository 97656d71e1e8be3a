package org.eventdedup.config.adapter.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Fernet keys come from: {@code EVENT_DEDUP_ENCRYPTION_KEY} if set, else the key file
 * ({@code EVENT_DEDUP_ENCRYPTION_KEY_FILE}, default {@code <DATA_DIR>/encryption.key}), else a key file created now.
 * Generating one on first start keeps a fresh install working without setup; losing that file makes the stored API
 * key unreadable, hence the loud log line.
 */
public final class EncryptionKeys {

    static final String FILE_VARIABLE = "EVENT_DEDUP_ENCRYPTION_KEY_FILE";

    private static final Logger LOG = LoggerFactory.getLogger(EncryptionKeys.class);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private EncryptionKeys() {
    }

    /**
     * @param envValue the value of {@code EVENT_DEDUP_ENCRYPTION_KEY}, null or blank when unset
     * @param keyFile  {@code EVENT_DEDUP_ENCRYPTION_KEY_FILE}, or {@code <DATA_DIR>/encryption.key}
     * @throws IllegalArgumentException when a key is malformed (the message names the source and position, not the key)
     * @throws UncheckedIOException     when the key file cannot be read or created
     */
    public static FernetKeyRing resolve(String envValue, Path keyFile) {
        if (envValue != null && !envValue.isBlank()) {
            return FernetKeyRing.parse(envValue);
        }
        if (Files.exists(keyFile)) {
            return readKeyFile(keyFile);
        }
        return createKeyFile(keyFile);
    }

    private static FernetKeyRing readKeyFile(Path keyFile) {
        warnIfReadableByOthers(keyFile);
        try {
            return FernetKeyRing.parse(Files.readString(keyFile, StandardCharsets.UTF_8),
                    FILE_VARIABLE + " " + keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read encryption key file " + keyFile, e);
        }
    }

    private static void warnIfReadableByOthers(Path keyFile) {
        PosixFileAttributeView view = Files.getFileAttributeView(keyFile, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (permissions.stream().anyMatch(GROUP_OR_OTHER::contains)) {
                LOG.warn("Encryption key file {} has permissions {}; restrict it to its owner (chmod 600 {})",
                        keyFile, PosixFilePermissions.toString(permissions), keyFile);
            }
        } catch (IOException e) {
            LOG.warn("Cannot read the permissions of encryption key file {}: {}", keyFile, e.toString());
        }
    }

    /**
     * Writes the new key to a temporary owner-only file in the same directory, then publishes it under its real name
     * with a hard link, which fails rather than replaces when another process (an API and a worker starting together)
     * got there first: then that process's key is used and ours is discarded.
     */
    private static FernetKeyRing createKeyFile(Path keyFile) {
        Path absolute = keyFile.toAbsolutePath();
        Path dir = absolute.getParent();
        String key = FernetKey.generate();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = createOwnerOnly(dir);
            Files.writeString(temp, key + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            publish(temp, absolute);
        } catch (FileAlreadyExistsException e) {
            LOG.info("Encryption key file {} was created concurrently by another process; using it", keyFile);
            return readKeyFile(keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create encryption key file " + keyFile, e);
        } finally {
            deleteQuietly(temp);
        }
        LOG.warn("Generated a new encryption key and stored it in {} (owner-only). BACK UP THIS FILE: without it the"
                + " stored API key cannot be decrypted. Set {} or {} to use your own key.",
                absolute, FernetKeyRing.VARIABLE, FILE_VARIABLE);
        return FernetKeyRing.parse(key);
    }

    private static Path createOwnerOnly(Path dir) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
            // mode given at creation (O_CREAT with 0600), so the key is never briefly readable by others
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return Files.createTempFile(dir, ".encryption-key-", ".tmp", mode);
        }
        LOG.warn("File system of {} has no POSIX permissions; restrict access to the key file by other means", dir);
        return Files.createTempFile(dir, ".encryption-key-", ".tmp");
    }

    private static void publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (UnsupportedOperationException e) {
            // no hard links here: a plain move without REPLACE_EXISTING still refuses an existing target
            Files.move(temp, target);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("Cannot delete temporary key file {}: {}", temp, e.toString());
        }
    }
}
