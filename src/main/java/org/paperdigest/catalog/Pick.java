package org.paperdigest.catalog;

/**
 * A paper chosen for one reader, with the topic that made it match (null when picked by rank
 * alone) and whether it is new to the catalog since the reader's previous issue.
 */
public record Pick(Paper paper, String matchedTopic, boolean isNew) {

    public Pick(Paper paper, String matchedTopic) {
        this(paper, matchedTopic, false);
    }

    /** Says why the reader gets this paper, for the email. */
    public String reason() {
        if (isNew) {
            return matchedTopic == null ? "New this week" : "New in " + matchedTopic + " this week";
        }
        return matchedTopic == null ? "Top of the list" : "Because you follow " + matchedTopic;
    }
}
