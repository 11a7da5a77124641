package org.paperdigest.web;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The subscribe form as a page shows it: what was typed (or nothing) and the topic boxes. */
record SubscribeForm(String email, String name, List<TopicChoice> topics, boolean resend) {

    /** One topic checkbox. */
    record TopicChoice(String name, boolean checked) {}

    static SubscribeForm empty(Set<String> allTopics) {
        return new SubscribeForm("", "", choices(allTopics, List.of()), false);
    }

    static SubscribeForm filled(String email, String name, Set<String> allTopics, Collection<String> checked) {
        return new SubscribeForm(email == null ? "" : email, name == null ? "" : name, choices(allTopics, checked), false);
    }

    static SubscribeForm resend(String email, String name, Set<String> allTopics, Collection<String> checked) {
        return new SubscribeForm(email, name == null ? "" : name, choices(allTopics, checked), true);
    }

    static List<TopicChoice> choices(Set<String> allTopics, Collection<String> checked) {
        return allTopics.stream().map(t -> new TopicChoice(t, checked.contains(t))).toList();
    }
}
