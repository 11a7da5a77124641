package org.paperdigest.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.paperdigest.deliverability.BounceClassifier;
import org.paperdigest.deliverability.Classification;
import org.paperdigest.deliverability.ReportKind;
import org.paperdigest.subscribers.BounceAddresses;
import org.paperdigest.subscribers.MessageIds;

/**
 * Every fixture under {@code src/test/resources/bounces/} against the table {@code expected.tsv}:
 * kind, status, recipient and reason, as {@code bounces check} reports them for a reader's bounce.
 */
class BounceClassificationTest {
    static final String SECRET = "fixture-secret";
    static final BounceFixtures.Delivery ADA = new BounceFixtures.Delivery(
            new BounceAddresses("bounces@example.org", SECRET).forDelivery(3, 7), "ada@example.net",
            new MessageIds(SECRET, "example.org").forDelivery(3, 7), 3);

    private final ReportChecker checker = checker();

    /** One row of expected.tsv. */
    record Expected(String file, ReportKind kind, String status, String recipient, String reason) {
        @Override
        public String toString() {
            return file + " is " + kind.code();
        }
    }

    static ReportChecker checker() {
        return new ReportChecker(new BounceClassifier(),
                new ReportOrigins(new BounceAddresses("bounces@example.org", SECRET), new MessageIds(SECRET, "example.org")));
    }

    static Stream<Expected> table() {
        try (InputStream in = BounceClassificationTest.class.getResourceAsStream("/bounces/expected.tsv")) {
            List<Expected> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t");
                rows.add(new Expected(c[0], ReportKind.valueOf(c[1].toUpperCase(java.util.Locale.ROOT)), none(c[2]), none(c[3]), none(c[4])));
            }
            return rows.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void each_fixture_is_classified_as_the_table_says(Expected e) {
        Classification c = checker.check(BounceFixtures.load(e.file(), ADA)).classification();

        assertThat(c.kind()).as(e.file() + ": " + c.reason()).isEqualTo(e.kind());
        assertThat(c.status()).as(e.file() + " status").isEqualTo(e.status());
        assertThat(c.recipient()).as(e.file() + " recipient").isEqualTo(e.recipient());
        if (e.reason() != null) {
            assertThat(c.reason()).as(e.file() + " reason").contains(e.reason());
        }
    }

    @Test
    void every_fixture_is_in_the_table_and_there_are_at_least_forty() throws IOException, URISyntaxException {
        Path dir = Path.of(BounceClassificationTest.class.getResource("/bounces/expected.tsv").toURI()).getParent();
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml")).sorted().toList();
        }
        assertThat(table().map(Expected::file).sorted().toList()).isEqualTo(files);
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void confusion_table_of_the_fixtures_is_diagonal() {
        Map<ReportKind, Map<ReportKind, Integer>> confusion = new EnumMap<>(ReportKind.class);
        table().forEach(e -> {
            ReportKind got = checker.check(BounceFixtures.load(e.file(), ADA)).classification().kind();
            confusion.computeIfAbsent(e.kind(), k -> new EnumMap<>(ReportKind.class)).merge(got, 1, Integer::sum);
        });
        StringBuilder out = new StringBuilder(String.format("%-14s", "expected\\got"));
        Arrays.stream(ReportKind.values()).forEach(k -> out.append(String.format("%13s", k.code())));
        for (ReportKind expected : ReportKind.values()) {
            out.append('\n').append(String.format("%-14s", expected.code()));
            for (ReportKind got : ReportKind.values()) {
                out.append(String.format("%13d", confusion.getOrDefault(expected, Map.of()).getOrDefault(got, 0)));
            }
        }
        System.out.println(out);
        confusion.forEach((expected, row) -> assertThat(row.keySet()).as(out.toString()).containsOnly(expected));
    }

    @Test
    void a_status_is_never_read_from_an_ip_address_or_a_version() {
        assertThat(checker.check(BounceFixtures.load("postfix-text-relay-ip-5.eml", ADA)).classification().status()).isEqualTo("4.2.2");
        assertThat(checker.check(BounceFixtures.load("postfix-text-relay-ip-4.eml", ADA)).classification().status()).isNull();
        assertThat(checker.check(BounceFixtures.load("mailman-text-version.eml", ADA)).classification().status()).isNull();
        assertThat(checker.check(BounceFixtures.load("imail-text-no-code.eml", ADA)).classification().reply())
                .isEqualTo("Reason: user not found.");
    }

    @Test
    void a_forged_report_with_a_guessed_message_id_names_no_delivery() {
        String guessed = "<digest.3.8.0123456789abcdef@example.org>";
        byte[] raw = BounceFixtures.load("qmail-text-no-verp.eml", new BounceFixtures.Delivery("x", "bob@example.net", guessed, 3));

        ReportChecker.Verdict v = checker.check(raw);

        assertThat(v.delivery()).isEmpty();
        assertThat(v.classification().kind()).isEqualTo(ReportKind.IGNORED);
        assertThat(v.classification().reason()).startsWith("not about a message we sent").contains("read alone it is hard");
    }

    @Test
    void a_report_names_its_delivery_by_the_signed_message_id_alone() {
        ReportChecker.Verdict v = checker.check(BounceFixtures.load("qmail-text-no-verp.eml", ADA));

        assertThat(v.delivery()).contains(new BounceAddresses.Tag(3, 7));
    }

    private static String none(String s) {
        return s == null || s.equals("-") ? null : s;
    }
}
