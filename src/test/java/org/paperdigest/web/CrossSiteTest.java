package org.paperdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Another web site cannot make its visitors' browsers submit our forms. */
class CrossSiteTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    TestSite site;

    @BeforeEach
    void start() throws Exception {
        site = TestSite.start(dir, greenMail);
    }

    @AfterEach
    void stop() throws Exception {
        site.close();
    }

    private HttpResponse<String> subscribe(String email, String... headers) throws Exception {
        return site.postForm("/subscribe", Map.of("email", List.of(email)), headers);
    }

    @Test
    void a_subscribe_post_from_another_origin_gets_403_and_nothing_is_stored_or_sent() throws Exception {
        HttpResponse<String> response = subscribe("ada@example.org", "Origin", "https://evil.example");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Sent from another site");
        site.settle();
        assertThat(site.stored("ada@example.org")).isFalse();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void a_post_a_browser_marks_cross_site_gets_403_and_so_do_opaque_origins() throws Exception {
        assertThat(subscribe("ada@example.org", "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        assertThat(subscribe("ada@example.org", "Origin", "null").statusCode()).isEqualTo(403);
        assertThat(subscribe("ada@example.org", "Origin", "https://digest.example.org.evil.example").statusCode())
                .isEqualTo(403);
        assertThat(site.postForm("/preferences?token=x", Map.of("name", List.of("Ada")), "Origin", "https://evil.example")
                .statusCode()).as("the preferences form too").isEqualTo(403);
    }

    @Test
    void our_own_origin_and_a_request_without_either_header_are_served() throws Exception {
        assertThat(subscribe("ada@example.org", "Origin", "https://digest.example.org",
                "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(200);
        assertThat(subscribe("bob@example.org", "Origin", "HTTPS://Digest.Example.org:443").statusCode()).isEqualTo(200);
        assertThat(subscribe("cy@example.org").statusCode()).as("a script").isEqualTo(200);
        site.settle();
        assertThat(site.stored("cy@example.org")).isTrue();
    }
}
