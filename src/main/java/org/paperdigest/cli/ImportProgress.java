package org.paperdigest.cli;

import java.io.PrintWriter;
import org.paperdigest.subscribers.ImportLog;
import org.paperdigest.subscribers.csv.CsvRows;

/**
 * Prints an import as it goes: every rejected row and note on stderr, prefixed by the file, and a
 * redrawn bar on a terminal (a log line every few seconds otherwise) from the bytes read so far.
 */
final class ImportProgress implements ImportLog {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final CsvRows rows;
    private final boolean terminal;
    private final long intervalNanos;
    private final long startedNanos = System.nanoTime();
    private long lastDraw = startedNanos;
    private boolean drawn;

    ImportProgress(PrintWriter err, CsvRows rows, boolean terminal) {
        this.err = err;
        this.rows = rows;
        this.terminal = terminal;
        this.intervalNanos = terminal ? 200_000_000L : 5_000_000_000L;
    }

    @Override
    public void rejected(String problem) {
        line(rows.source() + " " + problem);
    }

    @Override
    public void noted(String note) {
        line(rows.source() + " " + note);
    }

    @Override
    public void progress(long done) {
        long now = System.nanoTime();
        long size = rows.size();
        int percent = size > 0 ? (int) Math.min(100, rows.consumed() * 100 / size) : 0;
        // A log line once the whole file is read says nothing the summary will not say.
        if (now - lastDraw < intervalNanos || (!terminal && percent == 100)) {
            return;
        }
        lastDraw = now;
        double seconds = (now - startedNanos) / 1e9;
        long rate = Math.round(done / seconds);
        if (terminal) {
            int filled = percent * WIDTH / 100;
            String eta = rate > 0 && percent > 0 ? ProgressBar.formatSeconds(seconds * (100 - percent) / percent) : "--";
            err.print("\r  import [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + percent + "%  " + done
                    + " rows  " + rate + " rows/s  ETA " + eta + "   ");
            drawn = true;
        } else {
            err.println(rows.source() + ": " + done + " rows so far (" + percent + "% of the file, " + rate + " rows/s)");
        }
        err.flush();
    }

    /** Ends the bar's line so what follows starts on a fresh one. */
    void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 70) + "\r");
            err.flush();
            drawn = false;
        }
    }

    private void line(String text) {
        finish();
        err.println(text);
    }
}
