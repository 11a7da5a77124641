package org.paperdigest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.mail.DkimKeys;
import org.paperdigest.mail.Letter;
import org.paperdigest.testing.TestEnv;

/**
 * Asks an independent judge: SpamAssassin, local rules only (no DNS or network tests, no Bayes,
 * no reputation), scores the digest exactly as {@code send} would hand it to SMTP — real composer,
 * real MIME builder, DKIM-signed. Runs wherever {@code spamassassin} is installed; under CI it must be.
 * The report (score and rules) is written to {@code target/spamassassin-report.txt}.
 */
class SpamAssassinTest {
    private static final Pattern STATUS = Pattern.compile("X-Spam-Status: (Yes|No), score=(-?[0-9.]+) required=([0-9.]+)\\s+tests=([^\\n]*(?:\\n\\t[^\\n]*)*)");

    @TempDir
    Path dir;

    @Test
    void the_default_digest_scores_below_one() throws Exception {
        Path spamassassin = Path.of("/usr/bin/spamassassin");
        if ("true".equals(System.getenv("CI"))) {
            assertThat(spamassassin).as("CI must install the Debian package spamassassin").isExecutable();
        }
        assumeThat(Files.isExecutable(spamassassin)).as("spamassassin is not installed").isTrue();

        Path eml = dir.resolve("digest.eml");
        Files.write(eml, defaultDigest());
        Path prefs = dir.resolve("user_prefs");
        Files.writeString(prefs, "use_bayes 0\nbayes_auto_learn 0\nuse_txrep 0\n");
        Files.createDirectories(dir.resolve("home"));

        ProcessBuilder pb = new ProcessBuilder(spamassassin.toString(), "-L", "-t", "-p", prefs.toString(),
                "--cf=use_bayes 0", "--cf=bayes_auto_learn 0", "--cf=skip_rbl_checks 1")
                .redirectInput(eml.toFile())
                .redirectErrorStream(true);
        pb.environment().put("HOME", dir.resolve("home").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        Matcher m = STATUS.matcher(out.replace("\r\n", "\n"));
        assertThat(m.find()).as("an X-Spam-Status header in:\n" + out).isTrue();
        double score = Double.parseDouble(m.group(2));
        String rules = m.group(4).replaceAll("\\s+", " ").replaceAll("\\s*(autolearn|version|shortcircuit)=.*$", "").replace(" ", "");
        String report = "SpamAssassin score " + score + " (spam at " + m.group(3) + "), rules: " + rules + "\n\n" + report(out);
        Files.writeString(Path.of("target", "spamassassin-report.txt"), report);
        System.out.println(report);

        assertThat(score).as(report).isLessThan(1.0);
    }

    /** The digest a new reader would get next, signed with a fresh DKIM key, as bytes on the wire. */
    private byte[] defaultDigest() throws IOException {
        Path key = dir.resolve("digest.private.pem");
        DkimKeys.writePrivateKey(DkimKeys.generate(), key);
        TestEnv env = TestEnv.sqliteIn(dir)
                .set("DKIM_DOMAIN", "example.org").set("DKIM_SELECTOR", "digest").set("DKIM_PRIVATE_KEY_FILE", key.toString())
                .set("DIGEST_BOUNCE_ADDRESS", "bounces@example.org");
        try (App app = new App(env.config(), Clock.systemUTC())) {
            Letter letter = app.sendService().previewLetter(Optional.empty());
            return app.mailer().mime().toBytes(letter);
        }
    }

    /** The "Content analysis details" block SpamAssassin appends, one rule a line. */
    private static String report(String out) {
        int at = out.indexOf("Content analysis details");
        if (at < 0) {
            return "";
        }
        List<String> lines = out.substring(at).lines().takeWhile(l -> !l.startsWith("------=_")).toList();
        return String.join("\n", lines);
    }
}
