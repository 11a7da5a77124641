package org.paperdigest.catalog;

/** A paper chosen for one reader, with the topic that made it match (null when picked by rank alone). */
public record Pick(Paper paper, String matchedTopic) {

    /** Says why the reader gets this paper, for the email. */
    public String reason() {
        return matchedTopic == null ? "Top of the list" : "Because you follow " + matchedTopic;
    }
}
