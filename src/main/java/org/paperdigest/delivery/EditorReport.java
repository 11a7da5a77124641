package org.paperdigest.delivery;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.paperdigest.catalog.CatalogStore;
import org.paperdigest.catalog.PaperStatus;
import org.paperdigest.config.DigestConfig;
import org.paperdigest.db.Database;
import org.paperdigest.mail.Letter;
import org.paperdigest.subscribers.Bounce;
import org.paperdigest.subscribers.BounceStore;

/**
 * Tells the editor (DIGEST_EDITOR_EMAIL), once per issue, what went out — sent, failed, skipped,
 * bounces so far — how many drafts wait for review, and the runway of the next issue.
 */
public final class EditorReport {
    /** Delivers one letter; the application passes its transactional courier. */
    @FunctionalInterface
    public interface Post {
        boolean send(Letter letter);
    }

    private final Database db;
    private final IssueStore issues;
    private final BounceStore bounces;
    private final CatalogStore catalog;
    private final Runway runway;
    private final Post post;
    private final DigestConfig digest;
    private final String editor;
    private final Clock clock;
    private final String claim;

    public EditorReport(Database db, IssueStore issues, BounceStore bounces, CatalogStore catalog, Runway runway, Post post,
                        DigestConfig digest, String editor, Clock clock) {
        this.db = db;
        this.issues = issues;
        this.bounces = bounces;
        this.catalog = catalog;
        this.runway = runway;
        this.post = post;
        this.digest = digest;
        this.editor = editor;
        this.clock = clock;
        this.claim = db.statements("editor.sql").get("claim-editor-report");
    }

    /** Sends the report of a finished issue, unless it was sent already; returns whether this call sent it. */
    public boolean issueDone(int number) {
        Issue issue = issues.find(number).orElse(null);
        if (issue == null || !claim(number)) {
            return false;
        }
        IssueReport r = issues.report(issue, 3);
        Map<String, Long> c = r.counts();
        Map<Bounce.Kind, Long> b = bounces.countOfIssue(number);
        Map<PaperStatus, Integer> papers = catalog.counts();
        Runway.Forecast next = runway.next();
        StringBuilder text = new StringBuilder();
        text.append("Issue ").append(number).append(" is done.\n\n")
                .append("Sent: ").append(c.getOrDefault("sent", 0L)).append("\n")
                .append("Failed: ").append(c.getOrDefault("failed", 0L)).append("\n")
                .append("Skipped (nothing left for them): ").append(c.getOrDefault("skipped", 0L)).append("\n")
                .append("Bounces so far: ").append(b.getOrDefault(Bounce.Kind.HARD, 0L)).append(" hard, ")
                .append(b.getOrDefault(Bounce.Kind.SOFT, 0L)).append(" soft\n");
        r.topErrors().forEach((error, n) -> text.append("  ").append(n).append(" × ").append(error).append("\n"));
        text.append("\nCatalog: ").append(papers.get(PaperStatus.PUBLISHED)).append(" published, ")
                .append(papers.get(PaperStatus.DRAFT)).append(" drafts waiting for review (catalog drafts), ")
                .append(catalog.addedSince(clock.instant().minus(Duration.ofDays(7)))).append(" added in the last 7 days.\n")
                .append("Next issue: ").append(next.skipped()).append(" of ").append(next.readers())
                .append(" readers would be skipped, ").append(next.fewer()).append(" would get fewer than ")
                .append(next.papersPerIssue()).append(" papers.\n");
        next.issuesLeftByTopic().forEach((t, left) -> text.append("  ").append(t).append(": ").append(left).append(" issues left\n"));
        if (next.warning() != null) {
            text.append("\nWarning: ").append(next.warning()).append(".\n");
        }
        Instant now = clock.instant();
        return post.send(new Letter(digest.from(), null, editor, null, "Issue " + number + " went out: "
                + c.getOrDefault("sent", 0L) + " sent, " + c.getOrDefault("failed", 0L) + " failed", text.toString(),
                "<!DOCTYPE html><html><body><pre>" + text.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        + "</pre></body></html>",
                "<editor." + number + "." + now.toEpochMilli() + "@" + digest.fromDomain() + ">", now, null, null, null, null));
    }

    private boolean claim(int number) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(claim)) {
                ps.setInt(1, number);
                ps.setLong(2, clock.millis());
                return ps.executeUpdate() == 1;
            }
        });
    }
}
