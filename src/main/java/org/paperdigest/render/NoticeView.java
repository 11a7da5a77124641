package org.paperdigest.render;

import java.util.List;

/**
 * Everything the notice templates (confirm, welcome, already-subscribed, goodbye, help) can show.
 * Field names are the Mustache variable names (see templates/README.md); a null value is absent. {@code emailCommands} says whether the request mailbox is read
 * (then "reply to confirm" and "send subscribe to …" work).
 */
public record NoticeView(
        String listName,
        String title,
        String greetingName,
        String email,
        List<String> topics,
        String confirmUrl,
        String confirmToken,
        String confirmLifetime,
        String preferencesUrl,
        String unsubscribeUrl,
        String subscribeUrl,
        String papersUrl,
        String nextIssue,
        String requestAddress,
        String fromAddress,
        boolean emailCommands) {

    public NoticeView {
        topics = List.copyOf(topics);
    }

    public boolean hasTopics() {
        return !topics.isEmpty();
    }
}
