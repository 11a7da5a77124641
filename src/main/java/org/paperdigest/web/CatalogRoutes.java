package org.paperdigest.web;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.paperdigest.catalog.Catalog;
import org.paperdigest.catalog.Paper;

/** The catalog for people ({@code GET /papers}) and for feed readers ({@code GET /feed.xml}, Atom 1.0). */
final class CatalogRoutes {
    private final Pages pages;
    private final Catalog catalog;
    private final String base;
    private final String papersPage;
    private final String feed;

    CatalogRoutes(Pages pages, Catalog catalog, String base) {
        this.pages = pages;
        this.catalog = catalog;
        this.base = base;
        // The catalog does not change while running: render both once.
        this.papersPage = pages.render(Pages.PAPERS, new PapersView(catalog.papers().stream().map(PaperView::of).toList(),
                catalog.papers().size()));
        this.feed = atom();
    }

    record PapersView(List<PaperView> papers, int paperCount) {}

    record PaperView(String id, int rank, String title, String arxivUrl, String authors, String venue, String summary,
            String whyItMatters, String codeUrl, List<String> tags) {
        static PaperView of(Paper p) {
            return new PaperView(p.id(), p.rank(), p.title(), p.arxivUrl().toString(), p.authorLine(), p.venue(), p.summary(),
                    p.whyItMatters(), p.codeUrl() == null ? null : p.codeUrl().toString(), p.tags());
        }
    }

    void papers(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.html(papersPage);
    }

    void feed(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType("application/atom+xml; charset=utf-8").result(feed);
    }

    /** Builds the Atom document with ROME, so every value is escaped and the structure valid. */
    private String atom() {
        SyndFeed f = new SyndFeedImpl();
        f.setFeedType("atom_1.0");
        f.setTitle("Paper Digest: " + catalog.title());
        f.setDescription("The papers Paper Digest draws from, in editorial order, with summaries in our own words.");
        f.setUri(base + "/feed.xml");
        f.setLanguage("en");
        f.setLinks(List.of(link(base + "/papers", "alternate", "text/html"), link(base + "/feed.xml", "self", "application/atom+xml")));
        List<SyndEntry> entries = new ArrayList<>();
        Date newest = new Date(0);
        for (Paper p : catalog.papers()) {
            SyndEntry e = new SyndEntryImpl();
            e.setUri(base + "/papers#" + p.id());
            e.setTitle(p.title());
            e.setLink(p.arxivUrl().toString());
            // The catalog has no dates of its own: the end of the paper's year is stable across restarts.
            Date updated = Date.from(LocalDate.of(p.year(), 12, 31).atStartOfDay(ZoneOffset.UTC).toInstant());
            e.setUpdatedDate(updated);
            e.setPublishedDate(updated);
            if (updated.after(newest)) {
                newest = updated;
            }
            List<SyndPerson> authors = new ArrayList<>();
            for (String a : p.authors()) {
                SyndPerson person = new SyndPersonImpl();
                person.setName(a);
                authors.add(person);
            }
            e.setAuthors(authors);
            SyndContent summary = new SyndContentImpl();
            summary.setType("text");
            summary.setValue(p.summary() + " Why it matters: " + p.whyItMatters());
            e.setDescription(summary);
            List<SyndCategory> categories = new ArrayList<>();
            for (String t : p.tags()) {
                SyndCategory c = new SyndCategoryImpl();
                c.setName(t);
                categories.add(c);
            }
            e.setCategories(categories);
            entries.add(e);
        }
        f.setEntries(entries);
        f.setPublishedDate(newest);
        try {
            return new SyndFeedOutput().outputString(f, true);
        } catch (FeedException e) {
            throw new IllegalStateException("Cannot write the Atom feed of " + catalog.source() + ": " + e.getMessage(), e);
        }
    }

    private static SyndLink link(String href, String rel, String type) {
        SyndLink l = new SyndLinkImpl();
        l.setHref(href);
        l.setRel(rel);
        l.setType(type);
        return l;
    }
}
