package org.paperdigest.delivery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import org.paperdigest.db.Database;
import org.paperdigest.subscribers.LinkSigner;
import org.paperdigest.subscribers.LinkSigner.Purpose;
import org.paperdigest.subscribers.Subscriber;
import org.paperdigest.subscribers.SubscriberStore;

/**
 * Serves the "View in browser" page, {@code GET /view/{issue}?token=…}, without any web framework:
 * checks the signed VIEW token and re-renders the HTML of the message that reader got for that
 * issue, from the papers recorded in the delivery row. The web layer only maps {@link Page#status()}
 * and {@link Page#html()} onto its response.
 */
public final class IssueViewer {
    private final Database db;
    private final IssueStore issues;
    private final SubscriberStore subscribers;
    private final DigestComposer composer;
    private final LinkSigner signer;
    private final String sentPapers;

    public IssueViewer(Database db, IssueStore issues, SubscriberStore subscribers, DigestComposer composer, LinkSigner signer) {
        this.db = db;
        this.issues = issues;
        this.subscribers = subscribers;
        this.composer = composer;
        this.signer = signer;
        this.sentPapers = db.statements("view.sql").get("sent-papers");
    }

    /** What the page shows: the message, or why not. */
    public sealed interface Page permits Shown, BadLink, Expired, NotFound {
        int status();

        String html();
    }

    /** The reader's message, as it was sent. */
    public record Shown(String html) implements Page {
        @Override
        public int status() {
            return 200;
        }
    }

    /** The issue number or token is malformed or forged. */
    public record BadLink(String reason) implements Page {
        @Override
        public int status() {
            return 400;
        }

        @Override
        public String html() {
            return errorPage("This link is not valid", reason);
        }
    }

    /** The token was ours but has run out. */
    public record Expired() implements Page {
        @Override
        public int status() {
            return 410;
        }

        @Override
        public String html() {
            return errorPage("This link has expired", "Links to the web version of an issue last a year.");
        }
    }

    /** No such issue, or it was never sent to this reader. */
    public record NotFound(String reason) implements Page {
        @Override
        public int status() {
            return 404;
        }

        @Override
        public String html() {
            return errorPage("Issue not found", reason);
        }
    }

    /** Shows issue {@code issuePath} (the path segment, unparsed) to the holder of {@code token}. */
    public Page view(String issuePath, String token) {
        int number;
        try {
            number = Integer.parseInt(issuePath);
        } catch (NumberFormatException e) {
            return new BadLink("\"" + truncate(issuePath) + "\" is not an issue number.");
        }
        if (number < 1) {
            return new BadLink("Issue numbers start at 1.");
        }
        LinkSigner.Verdict verdict = signer.verify(Purpose.VIEW, token);
        if (verdict instanceof LinkSigner.Expired) {
            return new Expired();
        }
        if (!(verdict instanceof LinkSigner.Valid valid)) {
            return new BadLink("The link is incomplete or was changed; use the one in your email.");
        }
        Optional<Issue> issue = issues.find(number);
        Optional<Subscriber> reader = subscribers.find(valid.subscriberId());
        Optional<Sent> papers = issue.isEmpty() || reader.isEmpty() ? Optional.empty() : papers(number, valid.subscriberId());
        if (papers.isEmpty()) {
            return new NotFound("Issue " + number + " was not sent to you.");
        }
        Subscriber s = reader.get();
        DigestComposer.Reader r = new DigestComposer.Reader(s.id(), s.email(), s.name(), s.topics());
        return new Shown(composer.render(number, issue.get().createdAt(), r, papers.get().paperIds(), papers.get().newPapers()).html());
    }

    /** The papers of a delivered message, in order, the first {@code newPapers} shown as new. */
    private record Sent(List<String> paperIds, int newPapers) {}

    private Optional<Sent> papers(int issue, long subscriberId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sentPapers)) {
                ps.setInt(1, issue);
                ps.setLong(2, subscriberId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Sent(Outbox.split(rs.getString(1)), rs.getInt(2))) : Optional.empty();
                }
            }
        });
    }

    private static String truncate(String s) {
        String t = s == null ? "" : s.replaceAll("[^A-Za-z0-9._-]", "");
        return t.length() > 20 ? t.substring(0, 20) + "…" : t;
    }

    private static String errorPage(String title, String detail) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
                + "<body style=\"font-family:sans-serif;max-width:36em;margin:4em auto;color:#2b2f33\"><h1>" + title + "</h1><p>"
                + escape(detail) + "</p></body></html>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
