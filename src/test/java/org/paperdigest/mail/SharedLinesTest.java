package org.paperdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Encoding a digest's shared lines once (per shape, across threads) must give the bytes that encoding
 * every message afresh gives: many readers of many shapes, interleaved on several threads, with
 * personal values that start a line with '.', make lines long, and put non-ASCII text at the splices.
 */
class SharedLinesTest {
    private static final String[] NAMES = {
        "Ada", ".Ada", "..", ".", "Zoë — ünïcödé", "Grace Hopper ", "tab\t", "x".repeat(70), "y".repeat(75),
        "€€€€€€€€€€€€€€€€€€€€€€€€€€", "=3D", "", " ", "ß", "\uD83D\uDE00 emoji", "trailing space ",
    };

    /** A shape: papers and layout shared by its readers, with {name} and {token} where the personal values go. */
    private static String shape(int s) {
        StringBuilder b = new StringBuilder();
        b.append("Hallo {name},\n");
        b.append("{name}\n");
        b.append("Grüße, {name}ö und ü{name}\n");
        for (int p = 0; p < 3 + s % 4; p++) {
            b.append("Paper ").append((s * 7 + p) % 11).append(": a title that is long enough to need a soft line break ")
                    .append("somewhere in the middle, ").append("é".repeat(p)).append(" = and . and tabs\t\n");
            b.append(".a line that starts with a dot in paper ").append(p).append(" of shape ").append(s % 5).append('\n');
            b.append("x".repeat(74 + p)).append(" \n");
            b.append("<p style=\"margin:0\">Why: you follow ").append("topic-" + (s % 3)).append("</p>\r\n");
        }
        b.append("Unsubscribe: https://digest.example.org/unsubscribe/{token}\n");
        b.append("x".repeat(60)).append("{name}").append("ü".repeat(10)).append('\n');
        b.append("Last line without a line end: {name}");
        return b.toString();
    }

    private static String reader(String shape, int i) {
        return shape.replace("{name}", NAMES[i % NAMES.length]).replace("{token}", i + ".c2lnbmF0dXJl" + Integer.toHexString(i * 31));
    }

    private static byte[] fresh(String text) {
        ByteSink out = new ByteSink(64);
        QuotedPrintable.encode(text, out);
        return out.toByteArray();
    }

    private static byte[] shared(String text, int slot) {
        ByteSink out = new ByteSink(64);
        QuotedPrintable.encode(text, out, slot);
        return out.toByteArray();
    }

    @Test
    void shared_lines_give_the_same_bytes_as_encoding_each_message_afresh_for_many_readers_and_shapes() throws Exception {
        String[] shapes = new String[24];
        for (int s = 0; s < shapes.length; s++) {
            shapes[s] = shape(s);
        }
        long hitsBefore = QuotedPrintable.SHARED.hits();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    int checked = 0;
                    for (int i = 0; i < 1500; i++) {
                        int reader = thread * 10_000 + i;
                        String text = reader(shapes[random.nextInt(shapes.length)], reader);
                        int slot = random.nextBoolean() ? QuotedPrintable.TEXT : QuotedPrintable.HTML;
                        assertThat(shared(text, slot)).as("reader %d", reader).isEqualTo(fresh(text));
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get()).isEqualTo(1500);
            }
        } finally {
            pool.shutdownNow();
        }
        // The shapes' lines really were taken from the shared encodings, not encoded again.
        assertThat(QuotedPrintable.SHARED.hits() - hitsBefore).isGreaterThan(6000 * 10);
    }

    @Test
    void a_line_one_reader_alone_has_is_not_kept() {
        SharedLines lines = new SharedLines();
        byte[] bytes = "Hi Ada=2C\r\n".getBytes();
        lines.offer("Hi Ada,\n".repeat(4), bytes, 0, bytes.length);
        assertThat(lines.get("Hi Ada,\n".repeat(4))).isNull();
        lines.offer("Hi Ada,\n".repeat(4), bytes, 0, bytes.length);
        assertThat(lines.get("Hi Ada,\n".repeat(4))).isEqualTo(bytes);
    }

    @Test
    void a_shared_line_at_the_end_of_one_text_and_inside_another_keeps_its_own_encoding() {
        String line = "a line of text that ends with a space, long enough to be shared ";
        for (int i = 0; i < 3; i++) {
            assertThat(shared(line, QuotedPrintable.TEXT)).isEqualTo(fresh(line));
            assertThat(shared(line + "\n" + line, QuotedPrintable.TEXT)).isEqualTo(fresh(line + "\n" + line));
            assertThat(shared(line + "\r\nnext", QuotedPrintable.HTML)).isEqualTo(fresh(line + "\r\nnext"));
        }
    }
}
