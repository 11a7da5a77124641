package org.paperdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pool shrinks to what the server accepts while others work, and grows back one at a time. */
class ConnectionBudgetTest {

    @Test
    void a_refusal_while_others_work_shrinks_the_budget_to_them() {
        ConnectionBudget budget = new ConnectionBudget(1, 4, Duration.ofHours(1));
        assertThat(budget.take()).isTrue();
        assertThat(budget.take()).isTrue();
        assertThat(budget.take()).isTrue();
        budget.give(); // the third was refused at the greeting

        assertThat(budget.refused("421 4.7.0 Too many connections")).isTrue();

        assertThat(budget.available()).isFalse();
        assertThat(budget.take()).isFalse();
        budget.give(); // one of the two working connections closes
        assertThat(budget.take()).isTrue();
    }

    @Test
    void a_refusal_with_no_other_connection_is_the_server_being_unavailable() {
        ConnectionBudget budget = new ConnectionBudget(1, 2, Duration.ofHours(1));
        assertThat(budget.take()).isTrue();
        budget.give();

        assertThat(budget.refused("421 4.3.2 Service not available")).isFalse();
        assertThat(budget.available()).isTrue();
    }

    @Test
    void a_shrunk_budget_grows_back_by_one_after_the_interval() {
        AtomicLong now = new AtomicLong();
        ConnectionBudget budget = new ConnectionBudget(1, 3, Duration.ofMinutes(1), now::get);
        budget.take();
        budget.take();
        budget.give();
        budget.refused("421 4.7.0 Too many connections");
        assertThat(budget.take()).as("shrunk to the one that works").isFalse();

        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(budget.take()).as("not before the interval").isFalse();
        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(budget.take()).as("one more after the interval").isTrue();
        assertThat(budget.take()).as("only one more at a time").isFalse();
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(budget.take()).as("and the next a minute later").isTrue();
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertThat(budget.available()).as("never beyond the pool size").isFalse();
    }
}
