package org.paperdigest.catalog.sources;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Element;
import org.jsoup.Jsoup;
import org.paperdigest.catalog.CatalogException;
import org.paperdigest.catalog.EntryFormat;
import org.paperdigest.catalog.FoundPaper;
import org.paperdigest.catalog.ImportEntry;
import org.paperdigest.catalog.Paper;

/**
 * Reads RSS and Atom with ROME: any feed, arXiv's listing feeds (titles ending in
 * "(arXiv:… [cs.CL])", "Announce Type: … Abstract:" descriptions, authors in one dc:creator) and
 * the arXiv API's Atom answers (categories, arxiv:doi, code links in arxiv:comment).
 */
public final class FeedFormat implements EntryFormat {
    private static final Pattern ARXIV_TITLE_SUFFIX = Pattern.compile("\\s*\\(arXiv:[^)]*\\)\\s*$");
    private static final Pattern ARXIV_PREAMBLE = Pattern.compile("^arXiv:\\S+\\s+Announce Type:\\s*\\S+\\s*(Abstract:\\s*)?");
    private static final Pattern CODE = Pattern.compile("https?://(?:www\\.)?(?:github\\.com|gitlab\\.com)/[\\w.-]+/[\\w.-]+");
    private static final String ARXIV_NS = "http://arxiv.org/schemas/atom";

    private final String source;

    /** @param source what papers from this format are recorded as coming from ("rss", "arxiv", a feed URL) */
    public FeedFormat(String source) {
        this.source = source;
    }

    @Override
    public String name() {
        return "rss/atom";
    }

    @Override
    public boolean reads(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".rss") || n.endsWith(".atom") || n.endsWith(".xml");
    }

    @Override
    public List<ImportEntry> read(byte[] content, String fileName) {
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            feed = input.build(new XmlReader(new ByteArrayInputStream(content)));
        } catch (FeedException | IOException | IllegalArgumentException e) {
            throw new CatalogException(fileName + ": not an RSS or Atom feed: " + e.getMessage(), e);
        }
        List<ImportEntry> out = new ArrayList<>();
        int i = 0;
        for (SyndEntry e : feed.getEntries()) {
            i++;
            String title = e.getTitle() == null ? "" : ARXIV_TITLE_SUFFIX.matcher(plain(e.getTitle())).replaceAll("");
            if (title.isBlank()) {
                out.add(new ImportEntry.Bad(fileName + ": item " + i + (e.getLink() != null ? " (" + e.getLink() + ")" : "") + ": no title"));
                continue;
            }
            if (title.equals("Error") && e.getUri() != null && e.getUri().contains("/api/errors")) {
                out.add(new ImportEntry.Bad(fileName + ": item " + i + ": arXiv says: " + plain(text(e))));
                continue;
            }
            String link = link(e);
            String arxivId = Paper.arxivIdIn(String.join(" ", String.valueOf(link), String.valueOf(e.getUri())));
            URI arxivUrl = arxivId != null ? URI.create("https://arxiv.org/abs/" + arxivId) : WebAddress.orNull(link);
            String comment = foreign(e, "comment");
            Matcher code = CODE.matcher(comment == null ? "" : comment);
            String abstractText = ARXIV_PREAMBLE.matcher(plain(text(e))).replaceFirst("");
            out.add(new ImportEntry.Found(new FoundPaper(title, authors(e), date(e), arxivId != null ? "arXiv" : null,
                    arxivUrl, foreign(e, "doi"), code.find() ? URI.create(code.group()) : null,
                    abstractText, categories(e), source)));
        }
        return out;
    }

    private static String text(SyndEntry e) {
        SyndContent d = e.getDescription();
        if (d != null && d.getValue() != null) {
            return d.getValue();
        }
        return e.getContents().isEmpty() ? "" : String.valueOf(e.getContents().get(0).getValue());
    }

    private static String link(SyndEntry e) {
        for (SyndLink l : e.getLinks()) {
            if ("alternate".equals(l.getRel()) && l.getHref() != null) {
                return l.getHref();
            }
        }
        return e.getLink() != null ? e.getLink() : e.getUri();
    }


    private static List<String> authors(SyndEntry e) {
        List<String> names = new ArrayList<>();
        for (SyndPerson p : e.getAuthors()) {
            if (p.getName() != null && !p.getName().isBlank()) {
                names.add(plain(p.getName()));
            }
        }
        if (names.isEmpty() && e.getAuthor() != null && !e.getAuthor().isBlank()) {
            // RSS (and arXiv's listing feeds) give one dc:creator: "A, B and C".
            for (String n : plain(e.getAuthor()).split("\\s*,\\s*|\\s+and\\s+")) {
                if (!n.isBlank()) {
                    names.add(n.strip());
                }
            }
        }
        return names;
    }

    private static LocalDate date(SyndEntry e) {
        Date d = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
        return d == null ? null : d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static List<String> categories(SyndEntry e) {
        List<String> out = new ArrayList<>();
        for (SyndCategory c : e.getCategories()) {
            if (c.getName() != null && !c.getName().isBlank()) {
                out.add(c.getName().strip());
            }
        }
        return out;
    }

    private static String foreign(SyndEntry e, String name) {
        for (Element el : e.getForeignMarkup()) {
            if (name.equals(el.getName()) && ARXIV_NS.equals(el.getNamespaceURI())) {
                return el.getTextTrim();
            }
        }
        return null;
    }

    /** Text without markup or runs of white space (feeds often carry HTML in titles and descriptions). */
    static String plain(String s) {
        return Jsoup.parse(s).text().replaceAll("\\s+", " ").strip();
    }
}
