package org.paperdigest.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperdigest.testing.TestClock;

class RequestLimitTest {
    private final TestClock clock = TestClock.at("2026-07-01T10:00:00Z");

    @Test
    void a_key_gets_its_burst_then_waits_for_the_refill() {
        RequestLimit limit = new RequestLimit(clock, 100, List.of(new RequestLimit.Rule(2, Duration.ofMinutes(10))));

        assertThat(limit.tryAcquire("a").allowed()).isTrue();
        assertThat(limit.tryAcquire("a").allowed()).isTrue();
        RequestLimit.Decision third = limit.tryAcquire("a");
        assertThat(third.allowed()).isFalse();
        assertThat(third.retryAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(limit.tryAcquire("b").allowed()).as("keys are apart").isTrue();

        clock.advance(Duration.ofMinutes(5));
        assertThat(limit.tryAcquire("a").allowed()).isTrue();
    }

    @Test
    void every_rule_applies_at_once() {
        RequestLimit limit = new RequestLimit(clock, 100, List.of(
                new RequestLimit.Rule(2, Duration.ofMinutes(10)), new RequestLimit.Rule(3, Duration.ofDays(1))));

        limit.tryAcquire("a");
        limit.tryAcquire("a");
        clock.advance(Duration.ofMinutes(10));
        assertThat(limit.tryAcquire("a").allowed()).isTrue();

        RequestLimit.Decision fourth = limit.tryAcquire("a");
        assertThat(fourth.allowed()).as("the daily rule is spent").isFalse();
        assertThat(fourth.retryAfter()).isGreaterThan(Duration.ofHours(7));
    }

    @Test
    void it_forgets_the_least_recently_seen_key_past_its_size() {
        RequestLimit limit = new RequestLimit(clock, 2, List.of(new RequestLimit.Rule(1, Duration.ofDays(1))));
        limit.tryAcquire("a");
        limit.tryAcquire("b");
        limit.tryAcquire("c");

        assertThat(limit.tryAcquire("a").allowed()).isTrue();
        assertThat(limit.tryAcquire("c").allowed()).isFalse();
    }
}
