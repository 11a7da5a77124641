package org.paperdigest.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.paperdigest.delivery.Progress;

/**
 * Shows a send's progress: a redrawn bar on a terminal, or a log line every few seconds when the
 * output is a file or a pipe (cron, CI, systemd).
 */
final class ProgressBar implements Progress {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final long intervalNanos;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile long total;
    private volatile int issue;
    private volatile long startedNanos;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
        this.intervalNanos = terminal ? 100_000_000L : 5_000_000_000L;
    }

    @Override
    public void started(int issue, long toSend) {
        this.issue = issue;
        this.total = toSend;
        this.startedNanos = System.nanoTime();
        this.lastDraw = startedNanos;
    }

    @Override
    public void settled(Outcome outcome) {
        long d = done.incrementAndGet();
        if (outcome == Outcome.SENT) {
            sent.incrementAndGet();
        }
        long now = System.nanoTime();
        if (now - lastDraw >= intervalNanos || d == total) {
            synchronized (this) {
                if (now - lastDraw >= intervalNanos || d == total) {
                    lastDraw = now;
                    draw(d, now);
                }
            }
        }
    }

    @Override
    public synchronized void paused(String reason) {
        clear();
        err.println("issue " + issue + ": paused: " + reason);
        err.flush();
    }

    private void draw(long d, long now) {
        double seconds = (now - startedNanos) / 1e9;
        double rate = seconds > 0 ? sent.get() / seconds : 0;
        if (terminal) {
            int filled = total == 0 ? WIDTH : (int) Math.min(WIDTH, d * WIDTH / total);
            long left = Math.max(0, total - d);
            String eta = rate > 0 ? formatSeconds(left / rate) : "--";
            err.print("\r  issue " + issue + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                    + d + "/" + total + "  " + Math.round(rate) + " msg/s  ETA " + eta + "   ");
            drawn = true;
        } else {
            err.println("issue " + issue + ": " + d + "/" + total + " settled, " + sent.get() + " sent (" + Math.round(rate) + " msg/s)");
        }
        err.flush();
    }

    /** Ends the bar's line so the summary starts on a fresh one. */
    synchronized void finish() {
        clear();
    }

    private void clear() {
        if (terminal && drawn) {
            err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
            err.flush();
            drawn = false;
        }
    }

    static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String.format("%d:%02d", t / 60, t % 60);
    }
}
