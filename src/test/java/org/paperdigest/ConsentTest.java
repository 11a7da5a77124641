package org.paperdigest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperdigest.membership.Membership;
import org.paperdigest.subscribers.Consent;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.ImportReport;
import org.paperdigest.subscribers.Subscriber;
import org.paperdigest.subscribers.SubscriberStatus;
import org.paperdigest.testing.ConsentWorld;

/**
 * The paths of issue 10 that used to bring back a reader who left, each closed, on SQLite and
 * PostgreSQL. (Path 6, forged bounces, belongs to the bounce processor.)
 */
class ConsentTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    ConsentWorld world;

    @AfterEach
    void close() {
        if (world != null) {
            world.close();
        }
    }

    private ConsentWorld world(String database) {
        world = ConsentWorld.on(database, dir, greenMail);
        return world;
    }

    /** A reader who subscribed by the form and confirmed; returns the token they confirmed with. */
    private static String confirmedReader(ConsentWorld w, String email, String name, List<String> topics) {
        String token = w.formRequest(email, name, topics).orElseThrow();
        assertThat(w.confirm(token)).isInstanceOf(Membership.Activated.class);
        return token;
    }

    // Path 1
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void an_old_confirmation_link_followed_after_unsubscribing_confirms_nothing(String database) {
        ConsentWorld w = world(database);
        String token = confirmedReader(w, "ada@example.org", "Ada", List.of("nlp"));
        w.oneClickUnsubscribe("ada@example.org");
        int mailsBefore = w.mailTo("ada@example.org").size();

        Membership.Confirmed again = w.confirm(token);

        assertThat(again).isInstanceOf(Membership.StaleLink.class);
        assertThat(w.reader("ada@example.org").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(w.mailTo("ada@example.org")).as("no second welcome").hasSize(mailsBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_newer_request_makes_the_older_link_stale(String database) {
        ConsentWorld w = world(database);
        String first = w.formRequest("ada@example.org", "Ada", List.of()).orElseThrow();
        String second = w.formRequest("ada@example.org", "Ada", List.of()).orElseThrow();

        assertThat(w.confirm(first)).isInstanceOf(Membership.StaleLink.class);
        assertThat(w.confirm(second)).isInstanceOf(Membership.Activated.class);
        assertThat(w.confirm(second)).as("followed twice").isInstanceOf(Membership.AlreadyActive.class);
    }

    // Path 2
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void an_anonymous_request_for_a_reader_who_left_changes_nothing_and_a_later_import_does_not_bring_them_back(String database) {
        ConsentWorld w = world(database);
        confirmedReader(w, "ada@example.org", "Ada", List.of("nlp"));
        w.oneClickUnsubscribe("ada@example.org");

        w.formRequest("ada@example.org", "Mallory", List.of("vision"));
        ImportReport report = w.importCsv("email,name,topics\nada@example.org,Ada,nlp\n");

        Subscriber ada = w.reader("ada@example.org");
        assertThat(ada.status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(ada.name()).isEqualTo("Ada");
        assertThat(ada.topics()).containsExactly("nlp");
        assertThat(report.summary()).isEqualTo("imported 0, updated 0, skipped 1, rejected 0");
        assertThat(report.notes()).containsExactly("line 2: ada@example.org is unsubscribed; left as it is");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_fresh_double_opt_in_brings_a_reader_back_with_what_they_asked_for(String database) {
        ConsentWorld w = world(database);
        confirmedReader(w, "ada@example.org", "Ada", List.of("nlp"));
        w.oneClickUnsubscribe("ada@example.org");

        String fresh = w.formRequest("ada@example.org", "Ada L.", List.of("vision")).orElseThrow();
        assertThat(w.confirm(fresh)).isInstanceOf(Membership.Activated.class);

        Subscriber ada = w.reader("ada@example.org");
        assertThat(ada.status()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(ada.name()).isEqualTo("Ada L.");
        assertThat(ada.topics()).containsExactly("vision");
        assertThat(w.app.consent().history(ada.id())).extracting(Consent.HistoryEntry::to, Consent.HistoryEntry::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pending", "web"), org.assertj.core.groups.Tuple.tuple("active", "web"),
                        org.assertj.core.groups.Tuple.tuple("unsubscribed", "web"), org.assertj.core.groups.Tuple.tuple("active", "web"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void an_anonymous_request_never_changes_an_active_readers_data(String database) {
        ConsentWorld w = world(database);
        confirmedReader(w, "ada@example.org", "Ada", List.of("nlp"));

        assertThat(w.formRequest("ada@example.org", "Mallory", List.of("vision"))).as("a reminder, not a confirmation").isEmpty();

        assertThat(w.reader("ada@example.org").name()).isEqualTo("Ada");
        assertThat(w.reader("ada@example.org").topics()).containsExactly("nlp");
    }

    // Path 3
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_removed_address_stays_suppressed_against_import_and_add_until_forgotten(String database) {
        ConsentWorld w = world(database);
        confirmedReader(w, "ada@example.org", "Ada", List.of());
        assertThat(w.app.consent().remove(EmailAddress.parse("ada@example.org"), null)).isTrue();

        ImportReport report = w.importCsv("email,name,topics\nADA@example.org,Ada,\n");
        Consent.Added added = w.app.consent().add(EmailAddress.parse("ada@example.org"), "Ada", null, true, Consent.Source.CLI);

        assertThat(w.find("ada@example.org")).isEmpty();
        assertThat(report.notes()).containsExactly(
                "line 2: ADA@example.org was removed (removed while active) and is suppressed; not imported");
        assertThat(added).isInstanceOf(Consent.Skipped.class);

        assertThat(w.app.consent().forget(EmailAddress.parse("ada@example.org"))).isTrue();
        assertThat(w.importCsv("email,name,topics\nada@example.org,Ada,\n").imported()).as("after the erasure").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_removed_reader_can_come_back_by_their_own_double_opt_in(String database) {
        ConsentWorld w = world(database);
        confirmedReader(w, "ada@example.org", "Ada", List.of());
        w.app.consent().remove(EmailAddress.parse("ada@example.org"), null);

        String token = w.formRequest("ada@example.org", "Ada", List.of()).orElseThrow();
        assertThat(w.confirm(token)).isInstanceOf(Membership.Activated.class);

        assertThat(w.reader("ada@example.org").status()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(w.app.consent().suppression(EmailAddress.parse("ada@example.org"))).as("lifted by the opt-in").isEmpty();
    }

    // Path 4
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void opt_outs_in_an_imported_file_are_applied_and_active_in_the_file_brings_nobody_back(String database) {
        ConsentWorld w = world(database);
        w.importCsv("email,name,topics\nada@example.org,Ada,\ngrace@example.org,Grace,\nkat@example.org,Kat,\n");
        w.app.consent().unsubscribe(w.reader("kat@example.org").id(), Consent.Source.CLI, "by phone");

        ImportReport report = w.importCsv("""
                email,status
                ada@example.org,unsubscribed
                grace@example.org,bounced
                kat@example.org,active
                """);

        assertThat(w.reader("ada@example.org").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(w.reader("grace@example.org").status()).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(w.reader("kat@example.org").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(report.notes()).containsExactly("line 2: ada@example.org is now unsubscribed (opt-out in the file)",
                "line 3: grace@example.org is now bounced (opt-out in the file)",
                "line 4: kat@example.org is unsubscribed; left as it is");
        assertThat(w.app.consent().history(w.reader("ada@example.org").id())).last()
                .extracting(Consent.HistoryEntry::source, Consent.HistoryEntry::detail)
                .containsExactly("import", "opt-out in list.csv line 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void an_opt_out_in_a_file_cancels_the_open_request_of_a_reader_who_had_already_left(String database) {
        ConsentWorld w = world(database);
        confirmedReader(w, "ada@example.org", "Ada", List.of("nlp"));
        w.app.consent().bounced(w.reader("ada@example.org").id(), Consent.Source.BOUNCE, "test");
        String token = w.formRequest("ada@example.org", "Ada", List.of()).orElseThrow();

        w.importCsv("email,status\nada@example.org,unsubscribed\n");

        assertThat(w.confirm(token)).as("a link mailed before the file's opt-out").isInstanceOf(Membership.StaleLink.class);
        assertThat(w.reader("ada@example.org").status()).isEqualTo(SubscriberStatus.BOUNCED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_complaint_stops_mail_and_only_a_fresh_opt_in_undoes_it(String database) {
        ConsentWorld w = world(database);
        String token = confirmedReader(w, "ada@example.org", "Ada", List.of());

        assertThat(w.app.consent().complained(w.reader("ada@example.org").id(), "spam report")).isTrue();
        w.importCsv("email,status\nada@example.org,active\n");

        assertThat(w.confirm(token)).isInstanceOf(Membership.StaleLink.class);
        assertThat(w.reader("ada@example.org").status()).isEqualTo(SubscriberStatus.COMPLAINED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_bounce_cancels_an_open_request(String database) {
        ConsentWorld w = world(database);
        confirmedReader(w, "ada@example.org", "Ada", List.of());
        w.oneClickUnsubscribe("ada@example.org");
        String token = w.formRequest("ada@example.org", "Ada", List.of()).orElseThrow();

        w.app.consent().bounced(w.reader("ada@example.org").id(), Consent.Source.BOUNCE, "5.1.1");

        assertThat(w.confirm(token)).isInstanceOf(Membership.StaleLink.class);
        assertThat(w.reader("ada@example.org").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    // Path 7
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void an_import_without_name_or_topics_and_an_add_without_options_keep_the_stored_profile(String database) {
        ConsentWorld w = world(database);
        w.importCsv("email,name,topics\nada@example.org,Ada,nlp;vision\n");

        ImportReport report = w.importCsv("email\nada@example.org\n");
        Consent.Added added = w.app.consent().add(EmailAddress.parse("ada@example.org"), null, null, false, Consent.Source.CLI);

        assertThat(report.summary()).isEqualTo("imported 0, updated 0, skipped 1, rejected 0");
        assertThat(added).isInstanceOf(Consent.Unchanged.class);
        assertThat(w.reader("ada@example.org").name()).isEqualTo("Ada");
        assertThat(w.reader("ada@example.org").topics()).containsExactly("nlp", "vision");

        w.app.consent().add(EmailAddress.parse("ada@example.org"), null, List.of("video"), false, Consent.Source.CLI);
        assertThat(w.reader("ada@example.org").name()).as("only the option given changes").isEqualTo("Ada");
        assertThat(w.reader("ada@example.org").topics()).containsExactly("video");
    }

    // Path 8
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void export_then_import_into_a_fresh_database_then_export_gives_the_same_bytes(String database) throws Exception {
        ConsentWorld w = world(database);
        w.importCsv("email,name,topics\nada@example.org,\"Lovelace, Ada\",nlp;vision\ngrace@example.org,,\nkat@example.org,Kat,\n");
        confirmedReader(w, "zoe@example.org", "Zoë", List.of("video"));
        w.formRequest("alan@example.org", "Alan", List.of());
        w.oneClickUnsubscribe("grace@example.org");
        w.app.consent().bounced(w.reader("kat@example.org").id(), Consent.Source.BOUNCE, "5.1.1");
        w.app.consent().complained(w.reader("ada@example.org").id(), "spam report");
        String first = w.exportCsv();

        try (ConsentWorld fresh = ConsentWorld.on(database, dir.resolve("fresh"), greenMail)) {
            ImportReport report = fresh.importCsv(first);

            assertThat(report.summary()).isEqualTo("imported 5, updated 0, skipped 0, rejected 0");
            assertThat(fresh.exportCsv()).isEqualTo(first);
        }
        assertThat(first.lines().findFirst().orElseThrow())
                .isEqualTo("email,name,topics,status,created_at,confirmed_at,unsubscribed_at,bounced_at,source");
        assertThat(first).containsPattern("\ngrace@example.org,,,unsubscribed,2026-07-01T10:01:00Z,2026-07-01T10:01:00Z,"
                + "2026-07-01T1\\d:\\d\\d:\\d\\dZ,,import\n");
    }
}
