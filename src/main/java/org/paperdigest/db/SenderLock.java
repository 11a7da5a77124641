package org.paperdigest.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.paperdigest.config.BadInputException;

/**
 * Keeps a second process from sending from the same SQLite database: SQLite is for one instance,
 * and that instance may then safely take back claims a dead process left behind. On PostgreSQL
 * several instances share the work through row locks, so no lock is taken.
 */
public final class SenderLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private SenderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock next to the database file; fails with a clear message if another process holds it. */
    public static SenderLock acquire(Database db, String databaseUrl) {
        if (db.dialect() != org.paperdigest.config.DatabaseConfig.Dialect.SQLITE) {
            return new SenderLock(null, null);
        }
        String path = databaseUrl.substring("jdbc:sqlite:".length());
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        if (path.isEmpty() || path.contains(":memory:") || path.startsWith("file:")) {
            return new SenderLock(null, null);
        }
        Path file = Path.of(path + ".lock");
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                throw new BadInputException("Another paper-digest process is sending from " + path
                        + " (lock " + file + " is held). SQLite serves one instance; use PostgreSQL to run several.");
            }
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return new SenderLock(ch, l);
        } catch (IOException e) {
            throw new BadInputException("Cannot create the lock file " + file + ": " + e.getMessage(), e);
        }
    }

    /** True when this process is the only sender and may reclaim rows left by dead processes. */
    public boolean exclusive() {
        return lock != null;
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the lock goes away with the process anyway
        }
    }
}
