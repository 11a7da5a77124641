package org.paperdigest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stop at any point of start-up stops what started and lets nothing start afterwards. */
class ServiceGroupTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    /** A service that records its start and stop; {@code whileStarting} runs inside its start. */
    private Service service(String name, Runnable whileStarting) {
        return new Service() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                events.add("start " + name);
                whileStarting.run();
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }

    private List<Service> services(int n, int stopDuring, ServiceGroup group, CountDownLatch starting, CountDownLatch stopBegun) {
        List<Service> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean stopHere = i == stopDuring;
            list.add(service("s" + i, () -> {
                if (stopHere) {
                    starting.countDown();
                    await(stopBegun); // SIGTERM arrives while this service is starting
                }
            }));
        }
        return list;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void a_stop_while_any_service_is_starting_stops_the_started_ones_and_starts_nothing_after() throws Exception {
        int n = 4;
        for (int k = 0; k < n; k++) {
            events.clear();
            ServiceGroup group = new ServiceGroup();
            CountDownLatch starting = new CountDownLatch(1);
            CountDownLatch stopBegun = new CountDownLatch(1);
            List<Service> services = services(n, k, group, starting, stopBegun);
            boolean[] completed = new boolean[1];
            Thread run = new Thread(() -> {
                try {
                    completed[0] = group.start(services);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            run.start();
            await(starting);
            Thread sigterm = new Thread(group::stop);
            sigterm.start();
            while (!group.stopping()) {
                Thread.onSpinWait();
            }
            stopBegun.countDown();
            run.join(30_000);
            sigterm.join(30_000);

            List<String> expected = new ArrayList<>();
            for (int i = 0; i <= k; i++) {
                expected.add("start s" + i);
            }
            for (int i = k; i >= 0; i--) {
                expected.add("stop s" + i);
            }
            assertThat(events).as("stop while s" + k + " starts").containsExactlyElementsOf(expected);
            assertThat(completed[0]).isFalse();
        }
    }

    @Test
    void a_stop_before_start_up_starts_nothing() throws Exception {
        ServiceGroup group = new ServiceGroup();
        group.stop();

        boolean completed = group.start(List.of(service("web", () -> {}), service("scheduler", () -> {})));

        assertThat(completed).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void a_service_that_fails_to_start_stops_the_ones_before_it() {
        ServiceGroup group = new ServiceGroup();
        List<Service> services = List.of(service("web", () -> {}), service("worker", () -> {
            throw new IllegalStateException("port in use");
        }), service("scheduler", () -> {}));

        assertThatThrownBy(() -> group.start(services)).hasMessage("port in use");
        assertThat(events).containsExactly("start web", "start worker", "stop web");
    }

    @Test
    void stop_after_a_full_start_stops_in_reverse_order() throws Exception {
        ServiceGroup group = new ServiceGroup();

        assertThat(group.start(List.of(service("web", () -> {}), service("worker", () -> {}), service("scheduler", () -> {})))).isTrue();
        group.stop();

        assertThat(events).containsExactly("start web", "start worker", "start scheduler", "stop scheduler", "stop worker", "stop web");
    }
}
