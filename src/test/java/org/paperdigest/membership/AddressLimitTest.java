package org.paperdigest.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.testing.TestClock;
import org.paperdigest.testing.TestEnv;

/** Request mails per address: 3 a day, backing off, keyed without +tags; the instance budget only for mail that may go. */
class AddressLimitTest {
    final TestClock clock = TestClock.at("2026-07-01T10:00:00Z");

    @TempDir
    Path dir;

    App app;
    App other;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
        if (other != null) {
            other.close();
        }
    }

    private AddressLimit limit(int budgetPerHour) {
        app = new App(TestEnv.sqliteIn(dir).config(), clock);
        return new AddressLimit(app.database(), clock, AddressLimit.budget(clock, budgetPerHour));
    }

    private static EmailAddress address(String email) {
        return EmailAddress.parse(email);
    }

    @Test
    void an_address_gets_3_request_mails_a_day_after_waits_of_10_minutes_then_1_hour_then_24_hours() {
        AddressLimit limit = limit(300);
        EmailAddress victim = address("victim@example.org");

        assertThat(limit.claim(victim)).as("first").isPresent();
        clock.advance(Duration.ofMinutes(9));
        assertThat(limit.claim(victim)).as("9 minutes later").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(limit.claim(victim)).as("10 minutes after the first").isPresent();
        clock.advance(Duration.ofMinutes(59));
        assertThat(limit.claim(victim)).as("59 minutes after the second").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(limit.claim(victim)).as("an hour after the second").isPresent();
        clock.advance(Duration.ofHours(23));
        assertThat(limit.claim(victim)).as("a fourth within the day").isEmpty();
        clock.advance(Duration.ofMinutes(59));
        assertThat(limit.claim(victim)).as("still under 24 hours after the third").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(limit.claim(victim)).as("24 hours after the third: a new run").isPresent();
        clock.advance(Duration.ofMinutes(10));
        assertThat(limit.claim(victim)).as("its second, 10 minutes later").isPresent();
    }

    @Test
    void plus_tags_and_case_do_not_make_new_addresses() {
        AddressLimit limit = limit(300);

        assertThat(limit.claim(address("victim+1@example.org"))).isPresent();
        assertThat(limit.claim(address("victim+2@example.org"))).isEmpty();
        assertThat(limit.claim(address("VICTIM@Example.org"))).isEmpty();
        assertThat(limit.claim(address("Victim+news@EXAMPLE.ORG"))).isEmpty();
        assertThat(limit.claim(address("other@example.org"))).isPresent();
        assertThat(AddressLimit.key(address("Victim+news@EXAMPLE.ORG"))).isEqualTo("victim@example.org");
    }

    @Test
    void a_released_slot_can_be_taken_again_at_once() {
        AddressLimit limit = limit(300);
        EmailAddress ada = address("ada@example.org");

        limit.release(limit.claim(ada).orElseThrow());
        assertThat(limit.claim(ada)).as("after a failed first mail").isPresent();
        clock.advance(Duration.ofMinutes(10));
        limit.release(limit.claim(ada).orElseThrow());
        assertThat(limit.claim(ada)).as("after a failed second mail").isPresent();
        assertThat(limit.claim(ada)).isEmpty();
    }

    @Test
    void the_instance_budget_is_spent_only_on_mail_an_address_may_have() {
        AddressLimit limit = limit(3);

        for (int i = 0; i < 50; i++) {
            limit.claim(address("victim@example.org"));
        }
        assertThat(limit.claim(address("ada@example.org"))).as("the victim's refused requests cost nothing").isPresent();
        assertThat(limit.claim(address("bob@example.org"))).isPresent();
        assertThat(limit.claim(address("cy@example.org"))).as("budget of 3 spent").isEmpty();
        clock.advance(Duration.ofMinutes(20));
        assertThat(limit.claim(address("cy@example.org"))).as("refilled, and cy kept no half-taken slot").isPresent();
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "DIGEST_TEST_POSTGRES_URL", matches = ".+")
    void two_instances_on_one_postgresql_database_share_the_per_address_limit() {
        TestEnv env = TestEnv.postgresIn(dir);
        app = new App(env.config(), clock);
        other = new App(env.config(), clock);
        AddressLimit first = new AddressLimit(app.database(), clock, AddressLimit.budget(clock, 300));
        AddressLimit second = new AddressLimit(other.database(), clock, AddressLimit.budget(clock, 300));

        Optional<AddressLimit.Slot> one = first.claim(address("victim@example.org"));
        Optional<AddressLimit.Slot> two = second.claim(address("victim+x@example.org"));

        assertThat(one).isPresent();
        assertThat(two).isEmpty();
    }
}
