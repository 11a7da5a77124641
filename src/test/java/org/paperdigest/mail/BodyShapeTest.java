package org.paperdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A digest body encoded from its shape (the lines every reader shares encoded once, the lines with a
 * reader's values encoded per message) must be byte for byte what encoding each message's whole text
 * gives, and must know the same line-start dots as reading the bytes does: many readers of many shapes,
 * interleaved on several threads, with values that start a line with '.', make lines long, hold line
 * breaks, and put non-ASCII text at the splices.
 */
class BodyShapeTest {
    private static final String[] NAMES = {
        "Ada", ".Ada", "..", ".", "Zoë — ünïcödé", "Grace Hopper ", "tab\t", "x".repeat(70), "y".repeat(75),
        "€€€€€€€€€€€€€€€€€€€€€€€€€€", "=3D", "", " ", "ß", "\uD83D\uDE00 emoji", "trailing space ", null,
        "two\nlines", "\n.dot after a break", "ends with CR\r", "\r\n",
    };

    /** A shape: papers and layout shared by its readers, with {0} (a name) and {1} (a token) where the values go. */
    private static String template(int s) {
        StringBuilder b = new StringBuilder();
        if (s % 3 == 0) {
            b.append("{0}"); // a value as the very first character
        }
        b.append("Hallo {0},\n");
        b.append("{0}\n");
        b.append("Grüße, {0}ö und ü{0}\n");
        for (int p = 0; p < 3 + s % 4; p++) {
            b.append("Paper ").append((s * 7 + p) % 11).append(": a title that is long enough to need a soft line break ")
                    .append("somewhere in the middle, ").append("é".repeat(p)).append(" = and . and tabs\t\n");
            b.append(".a line that starts with a dot in paper ").append(p).append(" of shape ").append(s % 5).append('\n');
            b.append("x".repeat(74 + p)).append(" \n");
            b.append("y".repeat(75)).append(".z\n"); // a soft break puts '.' at the start of a line
            b.append("<p style=\"margin:0\">Why:   you\t\tfollow ").append("topic-" + (s % 3)).append("</p>\r\n");
            b.append("    <td>  indented   with runs of blanks  </td>\n");
            b.append('\n');
        }
        b.append("Unsubscribe: https://digest.example.org/unsubscribe/{1}\n");
        b.append("x".repeat(60)).append("{0}").append("ü".repeat(10)).append('\n');
        switch (s % 4) {
            case 0 -> b.append("Last line without a line end: {0}");
            case 1 -> b.append("Last line with a line end: {1}\n");
            case 2 -> b.append("A fixed last line without a line end");
            default -> b.append("{1}");
        }
        return b.toString();
    }

    private static BodyShape shape(String template) {
        List<String> literals = new ArrayList<>();
        List<Integer> fields = new ArrayList<>();
        int start = 0;
        for (int at = template.indexOf('{'); at >= 0; at = template.indexOf('{', start)) {
            literals.add(template.substring(start, at));
            fields.add(template.charAt(at + 1) - '0');
            start = at + 3;
        }
        literals.add(template.substring(start));
        return new BodyShape(literals, fields.stream().mapToInt(Integer::intValue).toArray());
    }

    private static String[] values(int reader) {
        return new String[] {NAMES[reader % NAMES.length], reader + ".c2lnbmF0dXJl" + Integer.toHexString(reader * 31)};
    }

    /** The whole text encoded, and its line-start dots found by reading the bytes. */
    private static WireMessage fresh(String text) {
        ByteSink out = new ByteSink(64);
        QuotedPrintable.encode(text, out);
        return WireMessage.of(out.toByteArray());
    }

    private static WireMessage shaped(BodyShape shape, String[] values) {
        ByteSink out = new ByteSink(64);
        shape.encodeInto(values, out);
        return new WireMessage(out.toByteArray(), out.dots());
    }

    @Test
    void a_shape_and_its_values_give_the_bytes_and_dots_of_encoding_each_message_afresh_for_many_readers_and_shapes()
            throws Exception {
        BodyShape[] shapes = new BodyShape[24];
        for (int s = 0; s < shapes.length; s++) {
            shapes[s] = shape(template(s));
        }
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
                        BodyShape shape = shapes[random.nextInt(shapes.length)];
                        String[] values = values(reader);
                        WireMessage expected = fresh(shape.fill(values));
                        WireMessage got = shaped(shape, values);
                        assertThat(got.bytes()).as("reader %d", reader).isEqualTo(expected.bytes());
                        assertThat(got.dots()).as("reader %d", reader).isEqualTo(expected.dots());
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
    }

    @Test
    void most_of_a_shape_is_encoded_once_and_only_the_lines_with_values_are_left_for_each_message() {
        BodyShape shape = shape(template(1));
        long valueLines = shape.encoded().units().stream().filter(u -> u instanceof BodyShape.Line).count();
        long runs = shape.encoded().units().stream().filter(u -> u instanceof BodyShape.Run).count();
        long text = template(1).lines().count();

        assertThat(valueLines).isEqualTo(6); // greeting, name, "Grüße", unsubscribe link, the x-line, the last line
        assertThat(text).isEqualTo(34);
        // The other 28 lines (the papers) lie between the third and fourth line with values: one run, encoded once.
        assertThat(runs).isEqualTo(1);
    }

    @Test
    void shapes_without_values_or_with_only_values_or_empty_encode_as_the_whole_text_does() {
        for (String template : List.of("", "\n", "no values at all\n.dot\n", "{0}", "{0}{1}", "{0}\n{1}\n", ".{0}",
                "{0}.\n.", "\r\n{0}\r\n")) {
            for (int reader = 0; reader < NAMES.length; reader++) {
                BodyShape shape = shape(template);
                String[] values = values(reader);
                WireMessage expected = fresh(shape.fill(values));
                WireMessage got = shaped(shape, values);
                assertThat(got.bytes()).as("%s with reader %d", template, reader).isEqualTo(expected.bytes());
                assertThat(got.dots()).as("%s with reader %d", template, reader).isEqualTo(expected.dots());
            }
        }
    }

    @Test
    void a_whole_message_written_from_shapes_is_the_message_written_from_its_texts_and_signs_the_same_way() {
        BodyShape text = shape(template(2));
        BodyShape html = shape("<p>" + template(3).replace("\n", "</p>\n<p>") + "</p>");
        MimeWriter writer = new MimeWriter();
        for (int reader = 0; reader < 200; reader++) {
            String[] values = values(reader);
            Letter plain = new Letter("Paper Digest <digest@example.org>", null, "r" + reader + "@example.net", "Reader",
                    "Paper Digest #1", text.fill(values), html.fill(values), "<digest.1." + reader + ".x@example.org>",
                    Instant.parse("2026-11-30T09:00:00Z"), null, "https://digest.example.org/u?t=" + reader, null, null);
            Letter withShapes = plain.withShapes(new ShapedBody(text, values), new ShapedBody(html, values));

            WireMessage a = writer.wire(plain, true);
            WireMessage b = writer.wire(withShapes, true);

            assertThat(noBoundary(b.bytes())).isEqualTo(noBoundary(a.bytes()));
            assertThat(b.dots()).isEqualTo(WireMessage.of(b.bytes()).dots());
            assertThat(a.dots()).isEqualTo(WireMessage.of(a.bytes()).dots());
            // The relaxed body made while writing (fixed lines from the shape) is the one made from the bytes.
            assertThat(b.relaxedBody()).isEqualTo(relaxedFromBytes(b.bytes()));
            assertThat(a.relaxedBody()).isEqualTo(relaxedFromBytes(a.bytes()));
        }
    }

    private static byte[] relaxedFromBytes(byte[] message) {
        String m = new String(message, java.nio.charset.StandardCharsets.ISO_8859_1);
        int body = m.indexOf("\r\n\r\n") + 4;
        ByteSink sink = new ByteSink(64);
        RelaxedBody.append(message, body, message.length, sink);
        return sink.toByteArray();
    }

    private static String noBoundary(byte[] message) {
        return new String(message, java.nio.charset.StandardCharsets.ISO_8859_1).replaceAll("=_pd_[0-9a-f]+", "B");
    }
}
