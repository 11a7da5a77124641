package org.paperdigest.subscribers.csv;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of header names an import understands. A header is matched after folding case and
 * dropping everything but letters and digits, so "E-mail", "Email Address", "email_address" and
 * "EMAIL ADDRESS" are all one key. Add a row here to teach the import another tool's export.
 */
final class ColumnAliases {
    private static final Map<String, Column> TABLE = new LinkedHashMap<>();

    static {
        row(Column.EMAIL, "email", "e-mail", "email address", "e-mail address", "mail address", "email_address",
                "subscriber email", "emailaddress");
        row(Column.NAME, "name", "full name", "display name", "subscriber name");
        row(Column.FIRST_NAME, "first name", "first_name", "firstname", "given name", "fname");
        row(Column.LAST_NAME, "last name", "last_name", "lastname", "surname", "family name", "lname");
        row(Column.TOPICS, "topics", "topic");
        row(Column.TAGS, "tags", "tag", "groups", "group", "labels");
        row(Column.STATUS, "status");
        row(Column.SOURCE, "source");
        row(Column.CREATED_AT, "created_at", "created at");
        row(Column.CONFIRMED_AT, "confirmed_at", "confirmed at");
        row(Column.UNSUBSCRIBED_AT, "unsubscribed_at", "unsubscribed at");
        row(Column.BOUNCED_AT, "bounced_at", "bounced at");
    }

    private ColumnAliases() {}

    private static void row(Column column, String... names) {
        for (String name : names) {
            Column earlier = TABLE.put(key(name), column);
            if (earlier != null && earlier != column) {
                throw new IllegalStateException("header alias '" + name + "' names both " + earlier + " and " + column);
            }
        }
    }

    /** The column a header cell names, if any. */
    static Optional<Column> column(String header) {
        return Optional.ofNullable(TABLE.get(key(header)));
    }

    /** Every alias, in table order, for documentation and tests. */
    static Map<String, Column> table() {
        return Map.copyOf(TABLE);
    }

    static String key(String header) {
        StringBuilder b = new StringBuilder();
        header.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
        return b.toString();
    }
}
