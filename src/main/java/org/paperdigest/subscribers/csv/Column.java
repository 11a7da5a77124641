package org.paperdigest.subscribers.csv;

/**
 * A column paper-digest reads from an import file. The first group reaches the apply step as they
 * are; {@link #FIRST_NAME}, {@link #LAST_NAME} and {@link #TAGS} only feed {@link #NAME} and
 * {@link #TOPICS} when the file has no such column.
 */
public enum Column {
    EMAIL("email"),
    NAME("name"),
    TOPICS("topics"),
    STATUS("status"),
    SOURCE("source"),
    CREATED_AT("created_at"),
    CONFIRMED_AT("confirmed_at"),
    UNSUBSCRIBED_AT("unsubscribed_at"),
    BOUNCED_AT("bounced_at"),
    FIRST_NAME("first_name"),
    LAST_NAME("last_name"),
    TAGS("tags");

    private final String header;

    Column(String header) {
        this.header = header;
    }

    /** The name paper-digest itself writes in the header (and the export uses). */
    public String header() {
        return header;
    }
}
