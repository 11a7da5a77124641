package org.paperdigest.delivery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.paperdigest.catalog.Pick;
import org.paperdigest.catalog.Picker;
import org.paperdigest.db.Database;
import org.paperdigest.db.SqlStatements;
import org.paperdigest.subscribers.Topics;

/**
 * Lists the readers of an issue with the papers each gets, page by page and without writing:
 * the open deliveries of an unfinished issue as planned, or every active subscriber as the next
 * issue would be planned now.
 */
public final class IssueReaders {
    private static final int PAGE = 1000;

    /** One reader and their papers, in order; the first {@code newPapers} are new to the catalog since their last issue. */
    record Planned(DigestComposer.Reader reader, List<String> paperIds, int newPapers) {}

    private final Database db;
    private final Outbox outbox;
    private final Picker picker;
    private final int papersPerIssue;
    private final String activePage;
    private final String openPage;

    public IssueReaders(Database db, Outbox outbox, Picker picker, int papersPerIssue) {
        this.db = db;
        this.outbox = outbox;
        this.picker = picker;
        this.papersPerIssue = papersPerIssue;
        SqlStatements sql = db.statements("readers.sql");
        this.activePage = sql.get("active-readers-page");
        this.openPage = sql.get("open-deliveries-page");
    }

    /** Calls {@code each} for every delivery of {@code issue} still to send. */
    void open(int issue, Consumer<Planned> each) {
        long after = 0;
        while (true) {
            List<Row> page = page(openPage, issue, after);
            for (Row r : page) {
                each.accept(new Planned(r.reader(), Outbox.split(r.papers()), r.newPapers()));
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).reader().id();
        }
    }

    /**
     * Calls {@code each} for every active subscriber who would get issue {@code issue} dated {@code date}
     * (not those who have every paper), with the papers planning would give them: new since their
     * last issue first, then the archive.
     */
    void next(int issue, Instant date, Consumer<Planned> each) {
        next(issue, date, 0, papersPerIssue, each);
    }

    /** As {@link #next(int, Instant, Consumer)}, for the subscribers with an id above {@code after} and {@code papers} papers each. */
    void next(int issue, Instant date, long after, int papers, Consumer<Planned> each) {
        Picker.Memo memo = picker.memo();
        Instant firstSince = date.minus(IssuePlanner.FIRST_ISSUE_LOOKBACK);
        while (true) {
            List<Row> page = page(activePage, null, after);
            if (page.isEmpty()) {
                return;
            }
            long first = page.get(0).reader().id();
            long last = page.get(page.size() - 1).reader().id();
            Map<Long, Set<String>> received = outbox.received(first, last);
            Map<Long, Instant> lastIssue = outbox.lastIssues(first, last, issue);
            for (Row r : page) {
                List<Pick> picks = memo.pick(received.getOrDefault(r.reader().id(), Set.of()), r.reader().topics(), papers,
                        lastIssue.getOrDefault(r.reader().id(), firstSince));
                if (!picks.isEmpty()) {
                    each.accept(new Planned(r.reader(), picks.stream().map(p -> p.paper().id()).toList(),
                            (int) picks.stream().filter(Pick::isNew).count()));
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            after = last;
        }
    }

    private record Row(DigestComposer.Reader reader, String papers, int newPapers) {}

    private List<Row> page(String sql, Integer issue, long after) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (issue != null) {
                    ps.setInt(i++, issue);
                }
                ps.setLong(i++, after);
                ps.setInt(i, PAGE);
                List<Row> out = new ArrayList<>(PAGE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        DigestComposer.Reader reader = new DigestComposer.Reader(rs.getLong(1), rs.getString(2), rs.getString(3),
                                Topics.fromColumn(rs.getString(4)));
                        out.add(new Row(reader, issue == null ? null : rs.getString(5), issue == null ? 0 : rs.getInt(6)));
                    }
                }
                return out;
            }
        });
    }
}
