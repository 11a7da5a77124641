package org.paperdigest.delivery;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.paperdigest.catalog.Catalog;
import org.paperdigest.catalog.CurrentCatalog;
import org.paperdigest.catalog.Paper;
import org.paperdigest.catalog.Pick;
import org.paperdigest.catalog.Picker;
import org.paperdigest.config.DigestConfig;
import org.paperdigest.mail.Letter;
import org.paperdigest.render.DigestRenderer;
import org.paperdigest.render.DigestView;
import org.paperdigest.render.RenderedEmail;
import org.paperdigest.subscribers.BounceAddresses;
import org.paperdigest.subscribers.MessageIds;
import org.paperdigest.subscribers.LinkSigner;
import org.paperdigest.subscribers.LinkSigner.Purpose;

/**
 * Builds the message one reader gets for one issue: the view the templates see (greeting, papers
 * and why each was picked, signed links) and the letter with its list headers.
 */
public final class DigestComposer {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final int MAX_PAPER_VIEWS = 4096;

    private final CurrentCatalog catalogs;
    private final DigestRenderer renderer;
    private final DigestConfig config;
    private final LinkSigner signer;
    private final BounceAddresses bounces;
    private final String base;
    private final MessageIds messageIds;
    private volatile PaperViews paperViews = new PaperViews(null, new ConcurrentHashMap<>());
    private volatile IssueDate lastDate = new IssueDate(null, null);

    public DigestComposer(CurrentCatalog catalogs, DigestRenderer renderer, DigestConfig config, LinkSigner signer) {
        this(catalogs, renderer, config, signer, null);
    }

    /** A composer whose letters carry a per-recipient VERP envelope sender from {@code bounces} (null: the From address). */
    public DigestComposer(CurrentCatalog catalogs, DigestRenderer renderer, DigestConfig config, LinkSigner signer,
                          BounceAddresses bounces) {
        this.catalogs = catalogs;
        this.renderer = renderer;
        this.config = config;
        this.signer = signer;
        this.bounces = bounces;
        this.base = config.baseUrl().toString();
        // Keyed per message: a bounce or complaint quoting the id proves which delivery it is about.
        // Without a secret (preview, lint) the ids are only for looking at.
        this.messageIds = new MessageIds(config.secret() == null || config.secret().isBlank() ? "unset" : config.secret(),
                config.fromDomain());
    }

    /** A reader as the composer needs them. {@code id} 0 means "not on the list" (a test send). */
    public record Reader(long id, String email, String name, List<String> topics) {}

    /** Renders the issue for a reader, with the papers given by id (in order), all from the archive. */
    public RenderedEmail render(int issueNumber, Instant issueDate, Reader reader, List<String> paperIds) {
        return render(issueNumber, issueDate, reader, paperIds, 0);
    }

    /** Renders the issue for a reader; the first {@code newCount} papers are new to the catalog since their last issue. */
    public RenderedEmail render(int issueNumber, Instant issueDate, Reader reader, List<String> paperIds, int newCount) {
        return renderer.render(view(issueNumber, issueDate, reader, paperIds, newCount));
    }

    public DigestView view(int issueNumber, Instant issueDate, Reader reader, List<String> paperIds) {
        return view(issueNumber, issueDate, reader, paperIds, 0);
    }

    public DigestView view(int issueNumber, Instant issueDate, Reader reader, List<String> paperIds, int newCount) {
        Papers papers = papers(issueNumber, reader, paperIds, newCount);
        String greeting = reader.name() == null || reader.name().isBlank() ? "there" : reader.name();
        return new DigestView(catalogs.now().title(), "Paper Digest", issueNumber, date(issueDate),
                papers.preheader(), greeting, reader.email(), reader.topics(), papers.views(),
                unsubscribeUrl(reader.id()), link("/preferences", Purpose.PREFERENCES, reader.id()),
                base + "/papers", viewInBrowserUrl(issueNumber, reader.id()), config.fromAddress());
    }

    /**
     * The papers as one reader sees them, made once per catalog, papers and topics: the readers who
     * share those share the list (and a shape of the digest is then found without comparing it
     * paper by paper).
     */
    private Papers papers(int issueNumber, Reader reader, List<String> paperIds, int newCount) {
        Catalog catalog = catalogs.now();
        PaperViews views = paperViews;
        if (views.catalog() != catalog) {
            // A new snapshot of the catalog: what was made from the old one goes.
            views = new PaperViews(catalog, new ConcurrentHashMap<>());
            paperViews = views;
        }
        PaperKey key = new PaperKey(paperIds, newCount, reader.topics());
        Papers papers = views.lists().get(key);
        if (papers == null) {
            papers = Papers.of(makePaperViews(catalog, issueNumber, reader, paperIds, newCount));
            if (views.lists().size() >= MAX_PAPER_VIEWS) {
                views.lists().clear();
            }
            views.lists().put(key, papers);
        }
        return papers;
    }

    private record PaperKey(List<String> paperIds, int newCount, List<String> topics) {}

    /** The paper lists made from one snapshot of the catalog. */
    private record PaperViews(Catalog catalog, Map<PaperKey, Papers> lists) {}

    /** A reader's papers and the preheader that names them. */
    private record Papers(List<DigestView.PaperView> views, String preheader) {
        static Papers of(List<DigestView.PaperView> views) {
            String preheader = views.isEmpty() ? "" : views.size() == 1
                    ? "This week: " + views.get(0).title()
                    : "This week: " + views.get(0).title() + ", and " + (views.size() - 1) + " more picked for you";
            return new Papers(views, preheader);
        }
    }

    /** The issue's date as the digest shows it, made once per issue date. */
    private String date(Instant issueDate) {
        IssueDate d = lastDate;
        if (!issueDate.equals(d.at())) {
            d = new IssueDate(issueDate, DATE.format(issueDate.atZone(zone())));
            lastDate = d;
        }
        return d.shown();
    }

    private record IssueDate(Instant at, String shown) {}

    private List<DigestView.PaperView> makePaperViews(Catalog catalog, int issueNumber, Reader reader, List<String> paperIds,
                                                      int newCount) {
        List<DigestView.PaperView> papers = new ArrayList<>(paperIds.size());
        for (int i = 0; i < paperIds.size(); i++) {
            String id = paperIds.get(i);
            Paper p = catalog.paper(id).or(() -> catalogs.fresh().paper(id)).orElseThrow(() -> new IllegalStateException(
                    "Paper '" + id + "' planned for issue " + issueNumber + " is no longer in the catalog " + catalog.source()));
            boolean isNew = i < newCount;
            boolean last = i == paperIds.size() - 1 || i == newCount - 1;
            papers.add(new DigestView.PaperView(i + 1, p.rank(), p.title(), String.valueOf(p.link()), p.authorLine(),
                    p.venue(), p.year(), p.summary(), p.whyItMatters(), p.codeUrl() == null ? null : p.codeUrl().toString(),
                    p.tags(), new Pick(p, Picker.firstMatch(p, reader.topics()), isNew).reason(), last,
                    p.abstractExcerpt(), isNew));
        }
        return List.copyOf(papers);
    }

    /** What readers with the same message but for their personal values share (see {@link DigestRenderer#shapeOf}). */
    public Object shapeOf(DigestView view) {
        return renderer.shapeOf(view);
    }

    /** Builds the letter for a rendered digest, with stable Message-ID and list headers. */
    public Letter letter(int issueNumber, Instant now, Reader reader, RenderedEmail email) {
        String to = reader.email();
        // From a shape, the bodies stay shape and values: the writer encodes only what is this reader's.
        String text = email.shapedText() != null ? null : email.text();
        String html = email.shapedHtml() != null ? null : email.html();
        return new Letter(config.from(), config.replyTo(), to, reader.name(), email.subject(), text, html,
                messageId(issueNumber, reader.id()), now, config.listId(), unsubscribeUrl(reader.id()),
                unsubscribeMailto(reader.id()),
                bounces == null ? null : bounces.forDelivery(issueNumber, reader.id()), Map.of(),
                email.shapedText(), email.shapedHtml());
    }

    /** The signed "View in browser" link of an issue for a reader: {@code /view/{issue}?token=…}. */
    public String viewInBrowserUrl(int issueNumber, long subscriberId) {
        return base + "/view/" + issueNumber + "?token=" + signer.sign(Purpose.VIEW, subscriberId);
    }

    /** The Message-ID of an issue for a subscriber: the same on every attempt, so duplicates can be recognised. */
    public String messageId(int issueNumber, long subscriberId) {
        return messageIds.forDelivery(issueNumber, subscriberId);
    }

    /**
     * The List-Unsubscribe mailto: its subject carries the reader's signed unsubscribe token (mail
     * programs keep the subject when they send it), which proves the request without a reply.
     */
    public String unsubscribeMailto(long subscriberId) {
        return "mailto:" + config.requestAddress() + "?subject=unsubscribe%20" + signer.sign(Purpose.UNSUBSCRIBE, subscriberId);
    }

    public String unsubscribeUrl(long subscriberId) {
        return link("/unsubscribe", Purpose.UNSUBSCRIBE, subscriberId);
    }

    private String link(String path, Purpose purpose, long subscriberId) {
        return base + path + "?token=" + signer.sign(purpose, subscriberId);
    }

    private ZoneId zone() {
        return config.timezone();
    }
}
