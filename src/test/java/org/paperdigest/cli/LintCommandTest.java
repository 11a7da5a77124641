package org.paperdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.mail.DkimKeys;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.TestEnv;

class LintCommandTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void the_default_digest_passes_lint_with_one_warning_for_missing_dkim() {
        CliRun lint = CliRun.run(TestEnv.sqliteIn(dir), "lint");

        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isZero();
        assertThat(lint.out()).contains("PASS  html-size", "PASS  text-links", "PASS  https-links", "PASS  images",
                "PASS  active-content", "PASS  list-unsubscribe", "WARN  from-domain", "PASS  subject", "PASS  preheader",
                "PASS  word-ratio", "PASS  wire-format", "lint: 10 PASS, 1 WARN, 0 FAIL");
    }

    @Test
    void a_dkim_signed_digest_from_the_signing_domain_passes_every_check() throws Exception {
        Path key = dir.resolve("sel.private.pem");
        DkimKeys.writePrivateKey(DkimKeys.generate(), key);
        TestEnv env = TestEnv.sqliteIn(dir).set("DKIM_DOMAIN", "example.org").set("DKIM_SELECTOR", "sel")
                .set("DKIM_PRIVATE_KEY_FILE", key.toString());

        CliRun lint = CliRun.run(env, "lint");

        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isZero();
        assertThat(lint.out()).contains("PASS  from-domain", "lint: 11 PASS, 0 WARN, 0 FAIL");
    }

    @Test
    void the_localhost_base_url_of_demo_only_warns() {
        CliRun lint = CliRun.run(TestEnv.sqliteIn(dir).set("DIGEST_BASE_URL", "http://localhost:8080"), "lint");

        assertThat(lint.exitCode()).isZero();
        assertThat(lint.out()).contains("WARN  https-links", "WARN  list-unsubscribe");
    }

    @Test
    void a_plain_http_base_url_fails_lint_and_stops_send_unless_forced() {
        TestEnv env = TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort()).set("DIGEST_BASE_URL", "http://digest.example.org");
        assertThat(CliRun.run(env, "subscribers", "add", "ada@example.net", "--confirmed").exitCode()).isZero();

        CliRun lint = CliRun.run(env, "lint");
        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.out()).contains("FAIL  https-links", "FAIL  list-unsubscribe");

        CliRun refused = CliRun.run(env, "send");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("not sending", "FAIL  https-links", "--force");
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        CliRun forced = CliRun.run(env, "send", "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void a_saved_message_can_be_checked() throws Exception {
        TestEnv env = TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort());
        assertThat(CliRun.run(env, "send", "--to", "ada@example.net").exitCode()).isZero();
        Path eml = dir.resolve("received.eml");
        try (OutputStream out = Files.newOutputStream(eml)) {
            greenMail.getReceivedMessages()[0].writeTo(out);
        }

        CliRun lint = CliRun.run(env, "lint", eml.toString());

        assertThat(lint.exitCode()).as(lint.out()).isZero();
        assertThat(lint.out()).startsWith("Checking " + eml).contains("PASS  text-links", "PASS  list-unsubscribe");
        assertThat(CliRun.run(env, "lint", dir.resolve("missing.eml").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void dkim_keygen_writes_a_usable_key_and_prints_the_dns_record() throws Exception {
        CliRun keygen = CliRun.run(TestEnv.sqliteIn(dir), "dkim", "keygen", "--selector", "d2026", "--domain", "example.org",
                "--out", dir.toString());

        assertThat(keygen.exitCode()).as(keygen.err()).isZero();
        assertThat(keygen.out()).contains("d2026._domainkey.example.org. IN TXT ( \"v=DKIM1; k=rsa; p=MIIB",
                "DKIM_PRIVATE_KEY_FILE=" + dir.resolve("d2026.private.pem"));
        assertThat(Files.readString(dir.resolve("d2026.private.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("d2026.public.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(DkimKeys.readPrivateKey(dir.resolve("d2026.private.pem")).getModulus().bitLength()).isEqualTo(2048);

        CliRun again = CliRun.run(TestEnv.sqliteIn(dir), "dkim", "keygen", "--selector", "d2026", "--domain", "example.org",
                "--out", dir.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void half_a_dkim_configuration_is_refused() {
        CliRun lint = CliRun.run(TestEnv.sqliteIn(dir).set("DKIM_DOMAIN", "example.org"), "lint");

        assertThat(lint.exitCode()).isEqualTo(2);
        assertThat(lint.err()).contains("DKIM_SELECTOR", "DKIM_PRIVATE_KEY_FILE");
    }
}
