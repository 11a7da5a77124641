package org.paperdigest.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records "sent" for all senders of a dispatch with group commit: one writer thread takes every
 * mark waiting and writes them in one transaction. A sender hands over the mark of message k and
 * waits for it to be committed only before it transmits message k+1, so at most one message per
 * sender is ever sent but not yet recorded — the at-most-in-flight guarantee of a crash — while
 * the database sees one transaction per batch instead of one per message (and no writers queueing
 * on SQLite's lock).
 */
final class SentMarks implements AutoCloseable {
    private record Mark(long deliveryId, String sender, String messageId, CompletableFuture<Void> done) {}

    private static final Mark STOP = new Mark(-1, null, null, null);
    private static final int MAX_BATCH = 512;
    /** How long the writer waits for more marks when only a few are waiting. */
    private static final long GATHER_MICROS = 300;

    private final Outbox outbox;
    private final BlockingQueue<Mark> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final DatabaseOutage outage;
    /** How many marks make a batch worth writing without waiting for more. */
    private final int gather;

    /**
     * A writer for the marks of {@code senders} senders: with four or more, it waits up to 300 µs
     * for half of them to have a mark waiting before it writes (measured in the README's
     * Performance section: fewer, larger transactions, and no slower).
     */
    SentMarks(Outbox outbox, int issue, DatabaseOutage outage, int senders) {
        this.outbox = outbox;
        this.outage = outage;
        this.gather = senders >= 4 ? senders / 2 : 0;
        this.writer = new Thread(this::run, "outbox-writer-" + issue);
        this.writer.start();
    }

    /** Queues the mark; the future completes when it is committed (or fails with the database error). */
    CompletableFuture<Void> sent(long deliveryId, String sender, String messageId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!writer.isAlive()) {
            done.completeExceptionally(new IllegalStateException("the outbox writer has stopped"));
            return done;
        }
        queue.add(new Mark(deliveryId, sender, messageId, done));
        return done;
    }

    private void run() {
        List<Mark> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                Mark first = queue.take();
                if (first == STOP) {
                    return;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (batch.size() < gather) {
                    // Group commit: a transaction costs about the same for one mark as for several, and
                    // each sender needs its mark only once the next envelope has made its round trip.
                    Mark more = queue.poll(GATHER_MICROS, TimeUnit.MICROSECONDS);
                    if (more != null) {
                        batch.add(more);
                        queue.drainTo(batch, MAX_BATCH - batch.size());
                    }
                }
                boolean stop = batch.remove(STOP);
                write(batch);
                batch.clear();
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Nobody may wait for ever on a mark that will not be written.
            List<Mark> left = new ArrayList<>(batch);
            queue.drainTo(left);
            IllegalStateException stopped = new IllegalStateException("the outbox writer stopped before recording this message");
            left.stream().filter(m -> m != STOP).forEach(m -> m.done().completeExceptionally(stopped));
        }
    }

    /**
     * Writes one batch, trying again for as long as the database is unreachable within the outage
     * grace (a locked SQLite file, PostgreSQL down): the marks wait here, in memory, meanwhile.
     */
    private void write(List<Mark> batch) throws InterruptedException {
        List<Outbox.SentMark> marks = new ArrayList<>(batch.size());
        for (Mark m : batch) {
            marks.add(new Outbox.SentMark(m.deliveryId(), m.sender(), m.messageId()));
        }
        try {
            outage.retry("recording " + marks.size() + " sent messages", () -> outbox.markSent(marks));
            batch.forEach(m -> m.done().complete(null));
        } catch (RuntimeException e) {
            batch.forEach(m -> m.done().completeExceptionally(e));
        }
    }

    /** Writes what is queued and stops the writer. */
    @Override
    public void close() throws InterruptedException {
        queue.add(STOP);
        writer.join(TimeUnit.MINUTES.toMillis(1));
    }
}
