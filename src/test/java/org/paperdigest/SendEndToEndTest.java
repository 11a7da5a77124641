package org.paperdigest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.TestEnv;

class SendEndToEndTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void send_delivers_one_digest_per_active_subscriber() throws Exception {
        TestEnv env = TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort());
        assertThat(CliRun.run(env, "subscribers", "import", "subscribers/sample.csv").exitCode()).isZero();

        CliRun send = CliRun.run(env, "send");

        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(send.out()).contains("Issue 1 planned: 5 messages").contains("sent 5, failed 0");
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(5);
        assertThat(received[0].getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    }
}
