package org.paperdigest.cli;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The lines a one-off {@code send} prints when it shares an issue with another sending process, such as {@code run}. */
final class SendBeside {
    private SendBeside() {}

    /** Says that this process shares the issue with another one, and how they split it. */
    static String sharing(int issue, String instance) {
        return "Another paper-digest process (such as `run`) is sending from this database: it and this process ("
                + instance + ") share issue " + issue + ", each sending only the deliveries it has claimed, none twice.";
    }

    /** Says which process sent how many messages of the issue, when more than one did. */
    static Optional<String> sentBy(Map<String, Long> byProcess, String instance) {
        if (byProcess.size() < 2) {
            return Optional.empty();
        }
        return Optional.of("Sent by process: " + byProcess.entrySet().stream()
                .map(e -> e.getKey() + (e.getKey().equals(instance) ? " (this one)" : "") + " " + e.getValue())
                .collect(Collectors.joining(", ")) + ".");
    }
}
