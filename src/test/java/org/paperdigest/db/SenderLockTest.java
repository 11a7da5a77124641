package org.paperdigest.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.config.DatabaseConfig;

/** Senders on one SQLite file share the lock; only one that finds itself alone returns dead claims. */
class SenderLockTest {
    @TempDir
    Path dir;

    @Test
    void a_sender_alone_reclaims_and_one_beside_another_shares_without_reclaiming() {
        String url = "jdbc:sqlite:" + dir.resolve("digest.db");
        AtomicInteger reclaims = new AtomicInteger();
        try (Database db = Database.open(new DatabaseConfig(url, null, null), 2)) {
            try (SenderLock first = SenderLock.acquire(db, url, reclaims::incrementAndGet)) {
                assertThat(first.shared()).isFalse();
                assertThat(reclaims).hasValue(1);
                try (SenderLock second = SenderLock.acquire(db, url, reclaims::incrementAndGet)) {
                    assertThat(second.shared()).isTrue();
                    assertThat(reclaims).as("claims of a live sender are left alone").hasValue(1);
                }
            }
            try (SenderLock again = SenderLock.acquire(db, url, reclaims::incrementAndGet)) {
                assertThat(again.shared()).isFalse();
                assertThat(reclaims).hasValue(2);
            }
            assertThat(dir.resolve("digest.db.lock")).exists();
        }
    }

    @Test
    void an_in_memory_database_takes_no_lock_and_reclaims_nothing() {
        String url = "jdbc:sqlite::memory:";
        AtomicInteger reclaims = new AtomicInteger();
        try (Database db = Database.open(new DatabaseConfig(url, null, null), 2);
             SenderLock lock = SenderLock.acquire(db, url, reclaims::incrementAndGet)) {
            assertThat(lock.shared()).isFalse();
            assertThat(reclaims).hasValue(0);
        }
    }
}
