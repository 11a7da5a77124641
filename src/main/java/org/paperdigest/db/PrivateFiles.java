package org.paperdigest.db;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Makes files only their owner can read (0600) whatever the umask: the subscriber database, its
 * exports and private keys. The permissions are set before the first byte is written, so there
 * is no moment in which another user could open the file. Where the file system has no POSIX
 * permissions, the operator protects the files.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /** Opens {@code file} for writing from the start (created or truncated), readable by its owner only. */
    public static OutputStream newOutputStream(Path file) throws IOException {
        createIfAbsent(file);
        return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Creates {@code file} empty if it does not exist, and makes it (new or old) readable by its owner only. */
    public static void createIfAbsent(Path file) throws IOException {
        try {
            Files.createFile(file, attributes(file));
        } catch (FileAlreadyExistsException exists) {
            // kept as it is; restricted below
        }
        restrict(file);
    }

    /** Makes an existing file readable by its owner only; does nothing when it does not exist. */
    public static void restrict(Path file) throws IOException {
        if (Files.exists(file) && posix(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static FileAttribute<?>[] attributes(Path file) {
        return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return (dir == null ? file : dir).getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
