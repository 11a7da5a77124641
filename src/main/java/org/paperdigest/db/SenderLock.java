package org.paperdigest.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.paperdigest.config.BadInputException;
import org.paperdigest.config.DatabaseConfig;

/**
 * Lets several processes send from one SQLite database (a one-off {@code send} beside {@code run})
 * and tells the first of them that it is alone. Every sending process holds a shared lock on a file
 * next to the database for as long as it runs. A process that can take the lock exclusively knows
 * no other sender is alive, so the claims in the database were left by a dead one: it returns them
 * to the queue ({@code reclaim}) before it shares the lock. Otherwise it joins the others through
 * the ordinary claims and leases, exactly as instances on PostgreSQL do (where no lock is taken:
 * a dead instance's claims come back when their lease ends).
 */
public final class SenderLock implements AutoCloseable {
    /** The lock files this JVM holds: Java allows one lock per file and JVM, so senders in one JVM share it. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private static final class Held {
        final FileChannel channel;
        final FileLock lock;
        int users;

        Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    private final Path file;
    private final boolean alone;
    private boolean closed;

    private SenderLock(Path file, boolean alone) {
        this.file = file;
        this.alone = alone;
    }

    /**
     * Joins the senders of this database. When no other sender holds the lock, runs {@code reclaim}
     * (return the claims of dead processes) first, while no other sender can start.
     */
    public static SenderLock acquire(Database db, String databaseUrl, Runnable reclaim) {
        Path file = lockFile(db, databaseUrl);
        if (file == null) {
            return new SenderLock(null, false);
        }
        synchronized (HELD) {
            Held held = HELD.get(file);
            if (held != null) {
                held.users++;
                return new SenderLock(file, false);
            }
            try {
                FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                boolean alone;
                try {
                    FileLock only = ch.tryLock(0, 1, false);
                    alone = only != null;
                    if (alone) {
                        try {
                            reclaim.run();
                        } finally {
                            only.release();
                        }
                    }
                    // Waits only while a newcomer elsewhere is reclaiming, which takes a moment.
                    held = new Held(ch, ch.lock(0, 1, true));
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
                held.users = 1;
                HELD.put(file, held);
                return new SenderLock(file, alone);
            } catch (IOException e) {
                throw new BadInputException("Cannot lock " + file + " next to the database: " + e.getMessage(), e);
            }
        }
    }

    private static Path lockFile(Database db, String databaseUrl) {
        if (db.dialect() != DatabaseConfig.Dialect.SQLITE) {
            return null;
        }
        return DatabaseConfig.sqliteFile(databaseUrl).map(f -> Path.of(f + ".lock").normalize()).orElse(null);
    }

    /**
     * True when another process (or another sender in this one) was already sending from this
     * SQLite database when this one joined: they share the work through claims.
     */
    public boolean shared() {
        return file != null && !alone;
    }

    @Override
    public void close() {
        if (file == null) {
            return;
        }
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Held held = HELD.get(file);
            if (held != null && --held.users == 0) {
                HELD.remove(file);
                try {
                    held.lock.release();
                    held.channel.close();
                } catch (IOException ignored) {
                    // the lock goes away with the process anyway
                }
            }
        }
    }
}
